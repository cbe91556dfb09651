package com.radrelay.archive;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes instances into the index with group commit: instances that become ready while a transaction runs are
 * indexed together in the next one, so concurrent associations and STOW-RS streams share one commit (and its WAL
 * flush) instead of queueing one each. Whoever finds no transaction running leads the next one for every waiting
 * instance of its clinic, so a lone instance is indexed at once. A transaction commits only once the objects of all
 * its instances are durable; an instance whose object fails leaves the others to commit without it.
 */
@Component
class IndexCommits {

    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Pending> waiting = new ArrayList<>();
    private boolean leading;

    IndexCommits(ArchiveIndex index, TenantJdbcTransactions tx) {
        this.index = index;
        this.tx = tx;
    }

    /**
     * Indexes the instance once its object is {@code durable}; returns what the index made of it.
     *
     * @throws ObjectFailed when the object could not be made durable (nothing of the instance is indexed)
     */
    SaveOutcome save(TenantId tenant, NewInstance row, boolean replace, CompletableFuture<Void> durable) {
        Pending mine = new Pending(tenant, row, replace, durable);
        lock.lock();
        try {
            waiting.add(mine);
        } finally {
            lock.unlock();
        }
        while (!mine.outcome.isDone()) {
            List<Pending> batch = lead();
            if (batch.isEmpty()) {
                // Another transaction runs: this instance is in the next one, or was in it.
                awaitTurn(mine);
            } else {
                try {
                    commit(batch);
                } finally {
                    handOver();
                }
            }
        }
        try {
            return mine.outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The waiting instances of the first waiting clinic, if no transaction runs; else nothing. */
    private List<Pending> lead() {
        lock.lock();
        try {
            if (leading || waiting.isEmpty()) {
                return List.of();
            }
            leading = true;
            TenantId tenant = waiting.getFirst().tenant;
            List<Pending> batch = new ArrayList<>();
            for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.tenant.equals(tenant)) {
                    batch.add(p);
                    it.remove();
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void handOver() {
        lock.lock();
        try {
            leading = false;
            for (Pending p : waiting) {
                p.turn.complete(null);
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitTurn(Pending mine) {
        CompletableFuture<Void> turn;
        lock.lock();
        try {
            if (!leading || mine.outcome.isDone()) {
                return;
            }
            turn = mine.turn = new CompletableFuture<>();
        } finally {
            lock.unlock();
        }
        // Whichever comes first; how the outcome ended is read by the caller.
        CompletableFuture.anyOf(turn, mine.outcome).handle((r, x) -> r).join();
    }

    /** One transaction for the batch; an instance whose object failed is dropped and the rest tried again. */
    private void commit(List<Pending> batch) {
        List<Pending> left = new ArrayList<>(batch);
        while (!left.isEmpty()) {
            List<Pending> attempt = List.copyOf(left);
            try {
                tx.execute(attempt.getFirst().tenant, () -> write(attempt));
                return;
            } catch (RetryWithout e) {
                e.failed.outcome.completeExceptionally(new ObjectFailed(e.failure));
                left.remove(e.failed);
            } catch (RuntimeException e) {
                attempt.forEach(p -> p.outcome.completeExceptionally(e));
                return;
            }
        }
    }

    /**
     * Writes the rows, waits for the objects of those inserted or replaced, marks their studies received; the
     * outcomes are handed out once the transaction has committed. An object that failed rolls the batch back.
     */
    private Void write(List<Pending> batch) {
        List<SaveOutcome> outcomes = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            outcomes.add(index.save(p.tenant, p.row, p.replace));
        }
        TreeSet<Long> received = new TreeSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Long studyPk = switch (outcomes.get(i)) {
                case SaveOutcome.Inserted in -> in.studyPk();
                case SaveOutcome.Replaced r -> r.studyPk();
                default -> null;
            };
            if (studyPk != null) {
                Throwable failure = batch.get(i).durableFailure();
                if (failure != null) {
                    throw new RetryWithout(batch.get(i), failure);
                }
                received.add(studyPk);
            }
        }
        // Study rows are locked in one order, whatever order their instances came in.
        for (long studyPk : received) {
            index.markReceived(batch.getFirst().tenant, studyPk);
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).outcome.complete(outcomes.get(i));
                }
            }
        });
        return null;
    }

    /** An instance whose object could not be made durable; nothing of it was indexed. */
    static final class ObjectFailed extends RuntimeException {
        ObjectFailed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Rolls a batch back because of one instance's object; the others go again without it. */
    private static final class RetryWithout extends RuntimeException {

        final Pending failed;
        final Throwable failure;

        RetryWithout(Pending failed, Throwable failure) {
            super(null, null, false, false);
            this.failed = failed;
            this.failure = failure;
        }
    }

    private static final class Pending {

        final TenantId tenant;
        final NewInstance row;
        final boolean replace;
        final CompletableFuture<Void> durable;
        final CompletableFuture<SaveOutcome> outcome = new CompletableFuture<>();
        CompletableFuture<Void> turn = new CompletableFuture<>();

        Pending(TenantId tenant, NewInstance row, boolean replace, CompletableFuture<Void> durable) {
            this.tenant = tenant;
            this.row = row;
            this.replace = replace;
            this.durable = durable;
        }

        /** Waits for the object; what went wrong, or null once it is durable. */
        @Nullable Throwable durableFailure() {
            try {
                durable.join();
                return null;
            } catch (CompletionException e) {
                return e.getCause();
            }
        }
    }
}
