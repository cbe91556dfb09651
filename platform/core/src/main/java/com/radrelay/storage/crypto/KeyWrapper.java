package com.radrelay.storage.crypto;

import java.util.UUID;

/**
 * What wraps the clinics' data keys: a local master key, or a key in AWS KMS. Each wrapped key is bound to its clinic
 * and its own id, so a wrapped key moved to another row does not unwrap.
 */
public interface KeyWrapper {

    /** Recorded beside each data key this wraps, so that the wrapper that can unwrap it is found again. */
    String id();

    byte[] wrap(byte[] dataKey, UUID tenant, UUID keyId);

    byte[] unwrap(byte[] wrapped, UUID tenant, UUID keyId);
}
