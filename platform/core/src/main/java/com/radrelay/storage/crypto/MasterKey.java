package com.radrelay.storage.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key-encryption key that wraps each tenant's data key (the role KMS plays on AWS). */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MasterKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    /**
     * The configured key, else the one in (or generated once into) {@code file}; without both, no start. The file
     * is written owner-only from its first byte and appears whole or not at all; if two processes generate at once,
     * both end up with the one that was linked first. A key file others may read is refused.
     */
    public static MasterKey load(@Nullable String base64, @Nullable Path file) {
        if (base64 != null && !base64.isBlank()) {
            return new MasterKey(Base64.getDecoder().decode(base64.strip()));
        }
        if (file == null) {
            throw new IllegalStateException("radrelay.storage.master-key is not set (RADRELAY_MASTER_KEY: base64 of "
                    + "32 random bytes, from a secret store)");
        }
        return new MasterKey(secretFile(file, "master key"));
    }

    /**
     * The 32 random bytes (base64) in {@code file}, generated into it first if it does not exist, under the same
     * rules as the master key's file; {@code what} names the secret in messages.
     */
    public static byte[] secretFile(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                generate(file, what);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("the " + what + " file " + file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "): make it owner-only (chmod 600)");
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " file " + file, e);
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static void generate(Path file, String what) throws IOException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, ".master-key-", ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel out = FileChannel.open(draft, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(Base64.getEncoder().encode(raw)));
                out.force(true);
            }
            // A hard link never replaces an existing file: of two processes generating at once, one key wins.
            Files.createLink(file, draft);
            log.warn("Generated a local {} in {}; in production it comes from a secret store.", what,
                    file.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
            // Another process generated it first: use theirs.
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** nonce (12) | AES-GCM(master, data key, aad = tenant | key id). */
    byte[] wrap(byte[] dataKey, UUID tenant, UUID keyId) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, tenant, keyId).doFinal(dataKey);
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] unwrap(byte[] wrapped, UUID tenant, UUID keyId) {
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
