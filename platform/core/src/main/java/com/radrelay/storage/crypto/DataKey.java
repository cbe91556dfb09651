package com.radrelay.storage.crypto;

import java.util.UUID;
import javax.crypto.SecretKey;

/** A tenant's data-encryption key, unwrapped, with the id that encrypted objects name in their header. */
public record DataKey(UUID id, SecretKey secret) {

    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }
}
