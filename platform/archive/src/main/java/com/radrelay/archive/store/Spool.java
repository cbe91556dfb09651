package com.radrelay.archive.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Holds one received instance between the network and object storage: in memory up to a limit, beyond it in a
 * temporary file, so a study of any size passes through a bounded heap. Readable any number of times. The
 * SHA-256 of what was written is computed on the way in, while the rest of the instance is still arriving.
 */
public final class Spool extends OutputStream implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final long memoryLimit;
    private final Path tempDir;
    private final List<byte[]> chunks = new ArrayList<>();
    private final MessageDigest sha256;
    private int lastChunkUsed = CHUNK;
    private long length;
    private Path file;
    private OutputStream fileOut;

    public Spool(long memoryLimit, Path tempDir) {
        this.memoryLimit = memoryLimit;
        this.tempDir = tempDir;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && length + len > memoryLimit) {
            moveToFile();
        }
        length += len;
        sha256.update(b, off, len);
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        while (len > 0) {
            if (lastChunkUsed == CHUNK) {
                chunks.add(new byte[CHUNK]);
                lastChunkUsed = 0;
            }
            int n = Math.min(len, CHUNK - lastChunkUsed);
            System.arraycopy(b, off, chunks.getLast(), lastChunkUsed, n);
            lastChunkUsed += n;
            off += n;
            len -= n;
        }
    }

    private void moveToFile() throws IOException {
        file = Files.createTempFile(tempDir, "rr-spool-", ".dcm");
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), CHUNK);
        for (int i = 0; i < chunks.size(); i++) {
            fileOut.write(chunks.get(i), 0, i == chunks.size() - 1 ? lastChunkUsed : CHUNK);
        }
        chunks.clear();
    }

    @Override
    public void flush() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
        }
    }

    public long length() {
        return length;
    }

    /** Hex SHA-256 of everything written; ends the spool's writing. */
    public String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Everything written, from the start; readable any number of times. */
    public InputStream open() throws IOException {
        flush();
        if (file != null) {
            return new java.io.BufferedInputStream(Files.newInputStream(file), CHUNK);
        }
        List<InputStream> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new ByteArrayInputStream(chunks.get(i), 0, i == chunks.size() - 1 ? lastChunkUsed : CHUNK));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Override
    public void close() throws IOException {
        chunks.clear();
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
            fileOut = null;
        }
    }
}
