package com.radrelay.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what happens after a commit, in a listener of its own (workflow events, background checks). */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails the test when it still does not after 30 seconds. */
    public static void waitFor(BooleanSupplier condition) throws InterruptedException {
        waitFor(PATIENCE, condition);
    }

    /** Returns once {@code condition} holds; fails the test when it still does not after {@code patience}. */
    public static void waitFor(Duration patience, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
