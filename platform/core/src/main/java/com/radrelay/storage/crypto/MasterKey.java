package com.radrelay.storage.crypto;

import com.radrelay.storage.SecretFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** A local key-encryption key that wraps each tenant's data key (the role {@link KmsMasterKey} plays on AWS). */
public final class MasterKey implements KeyWrapper {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String id;

    private MasterKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = "local:" + fingerprint(raw);
    }

    /** The configured key (base64 of 32 bytes). */
    public static MasterKey of(String base64) {
        return new MasterKey(Base64.getDecoder().decode(base64.strip()));
    }

    /** Names the key without revealing it: a hash of it under a label of its own. */
    private static String fingerprint(byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("RadRelay master key id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(raw), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * The configured key, else the one in (or generated once into) {@code file}; without both, no start. The file
     * is written owner-only from its first byte and appears whole or not at all; if two processes generate at once,
     * both end up with the one that was linked first. A key file others may read is refused.
     */
    public static MasterKey load(@Nullable String base64, @Nullable Path file) {
        if (base64 != null && !base64.isBlank()) {
            return of(base64);
        }
        if (file == null) {
            throw new IllegalStateException("radrelay.storage.master-key is not set (RADRELAY_MASTER_KEY: base64 of "
                    + "32 random bytes, from a secret store)");
        }
        return new MasterKey(SecretFiles.secretFile(file, "master key"));
    }

    /** nonce (12) | AES-GCM(master, data key, aad = tenant | key id). */
    @Override
    public byte[] wrap(byte[] dataKey, UUID tenant, UUID keyId) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, tenant, keyId).doFinal(dataKey);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, UUID tenant, UUID keyId) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(wrapped, 12);
            return cipher(Cipher.DECRYPT_MODE, nonce, tenant, keyId).doFinal(wrapped, 12, wrapped.length - 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unwrap data key " + keyId + ": wrong master key?", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, UUID tenant, UUID keyId) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(128, nonce));
        c.updateAAD(ByteBuffer.allocate(32).putLong(tenant.getMostSignificantBits())
                .putLong(tenant.getLeastSignificantBits()).putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits()).array());
        return c;
    }
}
