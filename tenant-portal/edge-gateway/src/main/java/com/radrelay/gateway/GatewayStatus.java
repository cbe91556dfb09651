package com.radrelay.gateway;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;

/**
 * What the forwarder is doing, written to {@code status.properties} in the queue folder after every batch, so that
 * {@code status} (another process) can say it without asking the running gateway.
 */
final class GatewayStatus {

    private final Path file;
    private final Properties state = new Properties();

    GatewayStatus(Path queueFolder) {
        this.file = queueFolder.resolve("status.properties");
    }

    synchronized void forwarded(int instances) {
        state.setProperty("last-sent-at", Instant.now().toString());
        state.setProperty("last-batch", String.valueOf(instances));
        state.remove("last-error");
        state.remove("next-attempt-at");
    }

    synchronized void waitingToRetry(String error, Instant next) {
        state.setProperty("last-error", error);
        state.setProperty("last-error-at", Instant.now().toString());
        state.setProperty("next-attempt-at", next.toString());
    }

    synchronized void write(DurableQueue queue) throws IOException {
        state.setProperty("queued", String.valueOf(queue.waitingCount()));
        state.setProperty("sent", String.valueOf(queue.sentCount()));
        state.setProperty("failed", String.valueOf(queue.failedCount()));
        Path next = file.resolveSibling("status.properties.new");
        try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
            state.store(out, "RadRelay edge gateway");
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The status as the last running gateway wrote it, with the queue's own counts now. */
    static String describe(Path queueFolder, DurableQueue queue) throws IOException {
        Properties last = new Properties();
        Path file = queueFolder.resolve("status.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                last.load(in);
            }
        }
        StringBuilder out = new StringBuilder()
                .append("queued: ").append(queue.waitingCount()).append('\n')
                .append("sent:   ").append(queue.sentCount()).append('\n')
                .append("failed: ").append(queue.failedCount()).append(" (see ").append(queueFolder.resolve("failed"))
                .append(")\n");
        for (String key : new String[] {"last-sent-at", "last-error", "last-error-at", "next-attempt-at"}) {
            if (last.getProperty(key) != null) {
                out.append(key).append(": ").append(last.getProperty(key)).append('\n');
            }
        }
        return out.toString();
    }
}
