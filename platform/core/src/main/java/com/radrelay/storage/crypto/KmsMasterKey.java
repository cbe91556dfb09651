package com.radrelay.storage.crypto;

import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Data keys wrapped by a key in AWS KMS, which never leaves it: each wrap and unwrap is a call to KMS's Encrypt and
 * Decrypt with an encryption context naming the clinic and the data key (so CloudTrail shows which clinic's key
 * was unwrapped, and a wrapped key moved to another row does not unwrap).
 */
public final class KmsMasterKey implements KeyWrapper {

    private final KmsClient kms;
    private final String keyId;

    public KmsMasterKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String id() {
        return "kms:" + keyId;
    }

    @Override
    public byte[] wrap(byte[] dataKey, UUID tenant, UUID dataKeyId) {
        try {
            return kms.encrypt(r -> r.keyId(keyId).plaintext(SdkBytes.fromByteArray(dataKey))
                    .encryptionContext(context(tenant, dataKeyId))).ciphertextBlob().asByteArray();
        } catch (KmsException e) {
            throw new IllegalStateException("KMS did not wrap data key " + dataKeyId + " with " + keyId + ": "
                    + e.awsErrorDetails().errorCode(), e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, UUID tenant, UUID dataKeyId) {
        try {
            return kms.decrypt(r -> r.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                    .encryptionContext(context(tenant, dataKeyId))).plaintext().asByteArray();
        } catch (KmsException e) {
            throw new IllegalStateException("KMS did not unwrap data key " + dataKeyId + " with " + keyId + ": "
                    + e.awsErrorDetails().errorCode(), e);
        }
    }

    private static Map<String, String> context(UUID tenant, UUID dataKeyId) {
        return Map.of("radrelay:clinic", tenant.toString(), "radrelay:data-key", dataKeyId.toString());
    }
}
