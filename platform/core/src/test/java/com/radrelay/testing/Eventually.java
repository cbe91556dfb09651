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
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
