package com.radrelay.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;

/**
 * Runs work in transactions that name their tenant, on one transaction manager. A thread is in at most one
 * tenant's transaction at a time: work for the same tenant joins it, work for another is refused.
 */
final class TenantScope {

    private static final ThreadLocal<TenantId> ACTIVE = new ThreadLocal<>();

    private final PlatformTransactionManager manager;

    TenantScope(PlatformTransactionManager manager) {
        this.manager = manager;
    }

    /** The tenant whose transaction this thread is in, if any. */
    static Optional<TenantId> active() {
        return Optional.ofNullable(ACTIVE.get());
    }

    <T> T execute(TenantId tenant, Supplier<T> work) {
        TenantId active = ACTIVE.get();
        if (active == null) {
            return inNewTransaction(tenant, work);
        }
        if (!active.equals(tenant)) {
            throw new IllegalStateException("a transaction of tenant " + active + " cannot do work of " + tenant);
        }
        return work.get();
    }

    <T> T executeAlone(TenantId tenant, Supplier<T> work) {
        TenantId outer = ACTIVE.get();
        ACTIVE.remove();
        try {
            return inNewTransaction(tenant, work);
        } finally {
            restore(outer);
        }
    }

    private <T> T inNewTransaction(TenantId tenant, Supplier<T> work) {
        // Set before the transaction begins: Hibernate asks for the session's tenant while it opens one.
        ACTIVE.set(tenant);
        T result;
        TransactionStatus status;
        try {
            status = manager.getTransaction(new TenantTransaction(tenant));
        } catch (RuntimeException e) {
            ACTIVE.remove();
            throw e;
        }
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            ACTIVE.remove();
            manager.rollback(status);
            throw e;
        }
        ACTIVE.remove();
        manager.commit(status);
        return result;
    }

    private static void restore(@Nullable TenantId outer) {
        if (outer == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(outer);
        }
    }
}
