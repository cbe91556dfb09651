package com.radrelay.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes folder entries durable (fsync of the folder), grouped: writers that ask while a sync of the same folder
 * runs share the next one, as a database groups commits, instead of queueing one each behind it.
 */
final class DirectorySync {

    private final ConcurrentMap<Path, Group> groups = new ConcurrentHashMap<>();

    /** Returns once every entry made in {@code dir} before the call is on disk. */
    void sync(Path dir) throws IOException {
        Group group = groups.compute(dir, (d, g) -> (g == null ? new Group(d) : g).join());
        try {
            group.sync();
        } finally {
            groups.computeIfPresent(dir, (d, g) -> g.leave() ? null : g);
        }
    }

    private static final class Group {

        private final Path dir;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition finished = lock.newCondition();
        private int users;
        private long requested;
        private long completed;
        private boolean running;

        Group(Path dir) {
            this.dir = dir;
        }

        Group join() {
            users++;
            return this;
        }

        /** True when nobody uses the group any more. */
        boolean leave() {
            return --users == 0;
        }

        void sync() throws IOException {
            long upTo;
            lock.lock();
            try {
                long mine = ++requested;
                // A sync already running may have started before this request: wait, then see if a later one covered it.
                while (running) {
                    finished.awaitUninterruptibly();
                }
                if (completed >= mine) {
                    return;
                }
                running = true;
                upTo = requested;
            } finally {
                lock.unlock();
            }
            boolean ok = false;
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
                ok = true;
            } finally {
                lock.lock();
                try {
                    running = false;
                    if (ok) {
                        completed = Math.max(completed, upTo);
                    }
                    finished.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
