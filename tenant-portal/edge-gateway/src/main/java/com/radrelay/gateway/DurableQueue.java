package com.radrelay.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Instances waiting to be forwarded, one file each, on disk. An instance is acknowledged to the modality only once
 * its file and its name in the queue are forced to disk; a forwarded instance is written to {@code sent.log} before
 * its file goes, so after any crash nothing acknowledged is lost and nothing recorded as sent is sent again.
 */
final class DurableQueue {

    /** Writes one instance's bytes. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path incoming;
    private final Path queued;
    private final Path failed;
    private final Path sentLog;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sent;
    private final Object arrivals = new Object();
    private final Set<Path> held = ConcurrentHashMap.newKeySet();

    DurableQueue(Path root) throws IOException {
        this.incoming = Files.createDirectories(root.resolve("incoming"));
        this.queued = Files.createDirectories(root.resolve("queued"));
        this.failed = Files.createDirectories(root.resolve("failed"));
        this.sentLog = root.resolve("sent.log");
        // Half-written files were never acknowledged: the modality sends them again.
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(incoming)) {
            for (Path p : leftovers) {
                Files.delete(p);
            }
        }
        this.sent = new AtomicLong(Files.exists(sentLog) ? Files.readAllLines(sentLog).size() : 0);
    }

    /** Keeps one instance; returns once it survives a crash of the gateway or the machine. */
    void accept(String sopInstanceUid, Content content) throws IOException {
        String uid = safe(sopInstanceUid);
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        // Names sort in arrival order, also across restarts: milliseconds, then a counter within this run.
        String name = String.format("%013d-%06d-%s.dcm", System.currentTimeMillis(),
                sequence.incrementAndGet() % 1_000_000, uid);
        Files.move(part, queued.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        force(queued);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /**
     * The oldest waiting instances no other batch holds, up to the limits (at least one); they are held until
     * {@link #release}, {@link #sent} or {@link #failed}.
     */
    synchronized List<Path> batch(int maxInstances, long maxBytes) throws IOException {
        List<Path> waiting = waiting();
        List<Path> batch = new ArrayList<>();
        long bytes = 0;
        for (Path p : waiting) {
            if (held.contains(p)) {
                continue;
            }
            long size = Files.size(p);
            if (!batch.isEmpty() && (batch.size() >= maxInstances || bytes + size > maxBytes)) {
                break;
            }
            batch.add(p);
            bytes += size;
        }
        held.addAll(batch);
        return batch;
    }

    /** Gives a batch back to the queue, to be sent again. */
    void release(List<Path> batch) {
        held.removeAll(batch);
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /** Waits up to {@code millis} for an instance no batch holds. */
    void awaitArrival(long millis) throws InterruptedException {
        synchronized (arrivals) {
            if (waitingCount() <= held.size()) {
                arrivals.wait(millis);
            }
        }
    }

    /** Records the instances as delivered (forced to disk), then removes their files. */
    synchronized void sent(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Path f : files) {
            lines.append(sopInstanceUid(f)).append('\n');
        }
        try (FileChannel log = FileChannel.open(sentLog, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            log.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII)));
            log.force(true);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        force(queued);
        held.removeAll(files);
        sent.addAndGet(files.size());
    }

    /** Sets an instance aside for good (RadRelay refused it), with the reason next to it. */
    void failed(Path file, String reason) throws IOException {
        Path target = failed.resolve(file.getFileName());
        Files.writeString(failed.resolve(file.getFileName() + ".reason.txt"), reason + "\n");
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        force(failed);
        force(queued);
        held.remove(file);
    }

    long waitingCount() {
        return instancesIn(queued);
    }

    long failedCount() {
        return instancesIn(failed);
    }

    private static long instancesIn(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.dcm")) {
            long n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long sentCount() {
        return sent.get();
    }

    static String sopInstanceUid(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.indexOf('-', name.indexOf('-') + 1) + 1, name.length() - ".dcm".length());
    }

    private List<Path> waiting() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(queued, "*.dcm")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private static String safe(String uid) {
        if (!uid.matches("[0-9.]{1,64}")) {
            throw new IllegalArgumentException("not a UID: " + uid);
        }
        return uid;
    }

    /** Makes a folder's entries (a new or removed name) durable. */
    private static void force(Path folder) throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
