package com.radrelay.storage;

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
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets kept in files on a laptop (never in production, where they come from a secret store): written owner-only
 * from their first byte, appearing whole or not at all, the same for every process that starts at once.
 */
public final class SecretFiles {

    private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /**
     * The 32 random bytes (base64) in {@code file}, generated into it first if it does not exist; a file others may
     * read is refused. {@code what} names the secret in messages.
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

    private static void generate(Path file, String what) throws IOException {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, ".secret-", ".tmp",
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
}
