package com.radrelay.storage.file;

import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.BlobWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Blobs as files under a root folder. A blob is written straight under its final name (names are never reused,
 * and nothing refers to a blob before it is committed), then its data is forced to disk and its folder's entry
 * too, so a committed blob survives a power cut: one journal commit per blob rather than two with a rename.
 */
final class FileBlobStore implements BlobStore {

    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final DirectorySync directories = new DirectorySync();
    // Folders being created and made durable now: a writer that finds one waits until its entry is on disk.
    private final ConcurrentMap<Path, CompletableFuture<Void>> creating = new ConcurrentHashMap<>();

    FileBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    @Override
    public BlobWriter create(String name) throws IOException {
        Path file = resolve(name);
        ensureDirectory(file.getParent());
        return new Writer(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    @Override
    public Blob read(String name, long from, long to) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(resolve(name), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(name);
        }
        try {
            long size = channel.size();
            long end = to < 0 ? size : Math.min(to, size);
            channel.position(from);
            InputStream in = Channels.newInputStream(channel);
            return new Blob(new BoundedInputStream(in, Math.max(0, end - from)), size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
    }

    private Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("blob name outside the store: " + name);
        }
        return path;
    }

    /** Creates missing folders down to {@code dir}, each made durable in its parent before it is used. */
    private void ensureDirectory(Path dir) throws IOException {
        while (true) {
            if (Files.isDirectory(dir)) {
                // Present: either long durable, or just created by a writer still syncing its parent.
                CompletableFuture<Void> pending = creating.get(dir);
                if (pending != null) {
                    await(pending);
                }
                return;
            }
            CompletableFuture<Void> mine = new CompletableFuture<>();
            if (creating.putIfAbsent(dir, mine) != null) {
                continue;
            }
            try {
                ensureDirectory(dir.getParent());
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // Made by another process on this folder; it synced the parent before using it.
                }
                directories.sync(dir.getParent());
                mine.complete(null);
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                creating.remove(dir, mine);
            }
            return;
        }
    }

    private static void await(CompletableFuture<Void> creation) throws IOException {
        try {
            creation.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Buffers small writes (the object header) and passes whole segments straight to the file. */
    private final class Writer extends BlobWriter {

        private final Path file;
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        private boolean done;

        Writer(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > buffer.remaining()) {
                drain();
            }
            if (len >= BUFFER) {
                writeFully(ByteBuffer.wrap(b, off, len));
            } else {
                buffer.put(b, off, len);
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        public void commit() throws IOException {
            drain();
            channel.force(false);
            channel.close();
            directories.sync(file.getParent());
            done = true;
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                channel.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
