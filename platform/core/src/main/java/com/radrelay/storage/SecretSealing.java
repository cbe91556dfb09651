package com.radrelay.storage;

import com.radrelay.storage.crypto.DataKey;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.tenancy.TenantDirectory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * Small secrets the platform must read back (second-factor seeds), sealed in the database under the platform's own
 * data key like its objects: key id (16) | nonce (12) | AES-GCM(secret, aad = purpose). A copy of the database
 * without the master key reveals none of them.
 */
@Component
public class SecretSealing {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantKeys keys;

    SecretSealing(TenantKeys keys) {
        this.keys = keys;
    }

    /** {@code purpose} binds the sealed secret to its place (a user's id, say): moved elsewhere, it does not open. */
    public byte[] seal(byte[] secret, String purpose) {
        DataKey key = keys.current(TenantDirectory.PLATFORM_DATA);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, purpose, secret);
        return ByteBuffer.allocate(16 + 12 + sealed.length).putLong(key.id().getMostSignificantBits())
                .putLong(key.id().getLeastSignificantBits()).put(nonce).put(sealed).array();
    }

    public byte[] open(byte[] sealed, String purpose) {
        ByteBuffer b = ByteBuffer.wrap(sealed);
        DataKey key = keys.byId(TenantDirectory.PLATFORM_DATA, new UUID(b.getLong(), b.getLong()));
        byte[] nonce = new byte[12];
        b.get(nonce);
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return cipher(Cipher.DECRYPT_MODE, key, nonce, purpose, body);
    }

    private static byte[] cipher(int mode, DataKey key, byte[] nonce, String purpose, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key.secret(), new GCMParameterSpec(128, nonce));
            c.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret does not open: altered, or moved from its place", e);
        }
    }
}
