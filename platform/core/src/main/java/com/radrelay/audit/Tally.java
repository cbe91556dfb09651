package com.radrelay.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Counts events by key in memory until they are taken away to be written: counting shares a lock, taking the
 * counts holds it alone, so no count is lost between the two.
 */
final class Tally<K> {

    /** How many times a key was counted, and the items those times carried. */
    record Counts(long times, long items) {
    }

    private record Counter(AtomicLong times, AtomicLong items) {
    }

    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private Map<K, Counter> pending = new ConcurrentHashMap<>();

    void add(K key, long times, long items) {
        swap.readLock().lock();
        try {
            Counter counter = pending.computeIfAbsent(key, k -> new Counter(new AtomicLong(), new AtomicLong()));
            counter.times().addAndGet(times);
            counter.items().addAndGet(items);
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Everything counted so far, which is counted afresh from now on. */
    Map<K, Counts> drain() {
        Map<K, Counter> taken;
        swap.writeLock().lock();
        try {
            taken = pending;
            pending = new ConcurrentHashMap<>();
        } finally {
            swap.writeLock().unlock();
        }
        Map<K, Counts> counts = new LinkedHashMap<>();
        taken.forEach((k, c) -> counts.put(k, new Counts(c.times().get(), c.items().get())));
        return counts;
    }
}
