package com.radrelay.archive.store;

import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one instance on their way from the network into object storage, written as they arrive. Until the
 * instance's object is known (its UIDs name it), they wait in memory, beyond a limit in a temporary file; from then
 * on they stream into the object's writer. The SHA-256 of the object is computed on the way in.
 */
public final class IncomingObject extends OutputStream {

    private static final int CHUNK = 64 * 1024;

    private final long memoryLimit;
    private final Path tempDir;
    private final MessageDigest sha256;
    private final List<byte[]> chunks = new ArrayList<>();
    private int lastChunkUsed = CHUNK;
    private long length;
    private @Nullable Path file;
    private @Nullable OutputStream fileOut;
    private @Nullable ObjectWriter writer;
    private @Nullable ObjectKey key;
    private boolean committed;

    public IncomingObject(long memoryLimit, Path tempDir) {
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
        length += len;
        if (writer != null) {
            sha256.update(b, off, len);
            writer.write(b, off, len);
            return;
        }
        if (fileOut == null && length > memoryLimit) {
            moveToFile();
        }
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
        Path spill = Files.createTempFile(tempDir, SpoolFolder.PREFIX, ".dcm");
        file = spill;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(spill), CHUNK);
        fileOut = out;
        for (int i = 0; i < chunks.size(); i++) {
            out.write(chunks.get(i), 0, i == chunks.size() - 1 ? lastChunkUsed : CHUNK);
        }
        chunks.clear();
    }

    /**
     * From now on into the object {@code key}: {@code prefix} (bytes the object starts with that did not arrive,
     * such as file meta information made for a C-STORE data set), then what arrived so far, then the rest as it
     * arrives. The checksum covers the object, in that order.
     */
    public void open(ObjectWriter objectWriter, ObjectKey objectKey, byte[] prefix) throws IOException {
        if (writer != null) {
            throw new IllegalStateException("the object is already open");
        }
        writer = objectWriter;
        key = objectKey;
        length += prefix.length;
        forward(prefix, prefix.length);
        if (fileOut != null && file != null) {
            fileOut.close();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
                byte[] buf = new byte[CHUNK];
                for (int n; (n = in.read(buf)) > 0; ) {
                    forward(buf, n);
                }
            }
            Files.deleteIfExists(file);
            fileOut = null;
            file = null;
        }
        for (int i = 0; i < chunks.size(); i++) {
            forward(chunks.get(i), i == chunks.size() - 1 ? lastChunkUsed : CHUNK);
        }
        chunks.clear();
    }

    private void forward(byte[] bytes, int n) throws IOException {
        sha256.update(bytes, 0, n);
        Objects.requireNonNull(writer).write(bytes, 0, n);
    }

    /** The object the instance is written into. */
    public ObjectKey key() {
        if (key == null) {
            throw new IllegalStateException("the object is not open yet");
        }
        return key;
    }

    public long length() {
        return length;
    }

    /** Hex SHA-256 of everything written; ends the writing. */
    public String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Makes the object durable; it must have been {@linkplain #open opened}. */
    public void commit() throws IOException {
        if (writer == null) {
            throw new IllegalStateException("no object to commit");
        }
        writer.commit();
        committed = true;
    }

    /** Releases what is held; an object not committed is discarded. */
    @Override
    public void close() throws IOException {
        chunks.clear();
        try {
            if (writer != null && !committed) {
                writer.close();
            }
        } finally {
            if (fileOut != null && file != null) {
                fileOut.close();
                Files.deleteIfExists(file);
                fileOut = null;
            }
        }
    }
}
