package com.radrelay.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit chain's head, written outside the database now and then: one line per anchor, {@code seq hash millis
 * mac}, the MAC keyed like the chain, appended and forced to disk. Whoever can rewrite the database cannot rewrite
 * these lines without the key, so a chain that ends before its newest anchor has lost rows.
 */
final class AuditAnchors {

    /** A head the chain had: row {@code seq} with {@code hash}. */
    record Anchor(long seq, String hash, long millis) {
    }

    private final Path file;
    private final byte[] key;

    AuditAnchors(Path file, byte[] key) {
        this.file = file;
        this.key = key;
    }

    synchronized void write(long seq, String hash, long millis) {
        String line = seq + " " + hash + " " + millis + " " + mac(seq, hash, millis) + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            }
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit anchor to " + file, e);
        }
    }

    /**
     * The newest anchor, if any; a line whose MAC does not hold makes this fail, naming it: the anchors themselves
     * were altered.
     */
    Optional<Anchor> latest() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchors in " + file, e);
        }
        Anchor latest = null;
        for (String line : lines) {
            String[] f = line.strip().split(" ");
            if (f.length != 4 || !MessageDigest.isEqual(mac(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]))
                    .getBytes(StandardCharsets.US_ASCII), f[3].getBytes(StandardCharsets.US_ASCII))) {
                throw new AlteredAnchors("an audit anchor in " + file + " does not carry its MAC: " + line);
            }
            Anchor a = new Anchor(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]));
            if (latest == null || a.seq() >= latest.seq()) {
                latest = a;
            }
        }
        return Optional.ofNullable(latest);
    }

    private String mac(long seq, String hash, long millis) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("anchor|" + seq + "|" + hash + "|" + millis)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The anchor file holds a line its key did not sign. */
    static final class AlteredAnchors extends RuntimeException {
        AlteredAnchors(String message) {
            super(message);
        }
    }
}
