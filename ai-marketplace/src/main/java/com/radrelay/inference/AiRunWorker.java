package com.radrelay.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes runs from the queue and does them, {@code radrelay.inference.workers} at a time (inference is CPU work on
 * the archive's cores). Workers are threads of their own, never the event listeners' pool: a run publishes
 * {@code AiResultReady}, whose listeners need that pool, so holding one of its places while waiting for another
 * could stop them all.
 */
@Component
class AiRunWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AiRunWorker.class);
    private static final Duration IDLE_POLL = Duration.ofSeconds(2);

    private final AiRuns runs;
    private final StudyInference inference;
    private final InferenceSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private boolean woken;

    AiRunWorker(AiRuns runs, StudyInference inference, InferenceSettings settings) {
        this.runs = runs;
        this.inference = inference;
        this.settings = settings;
    }

    /** A run was queued: a sleeping worker looks at once instead of at its next poll. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::loop, "ai-run-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop() {
        while (running) {
            Optional<AiRuns.Run> run = Optional.empty();
            try {
                run = runs.claim(settings.lease());
                run.ifPresent(inference::process);
            } catch (RuntimeException e) {
                // The lease runs out and another attempt takes the run; the worker carries on.
                log.warn("AI run {} failed unexpectedly", run.map(r -> r.recipe().model()).orElse("(claim)"), e);
            }
            if (run.isEmpty()) {
                idle();
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            if (!woken) {
                work.await(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
