package com.radrelay.tenancy;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The clinic the current work is done for: an explicit scope first (DICOM associations, jobs), else the
 * signed-in principal. Without either there is no tenant, and row-level security shows no tenant rows.
 */
public final class CurrentTenant {

    private static final ThreadLocal<TenantId> SCOPED = new ThreadLocal<>();

    private CurrentTenant() {
    }

    public static Optional<TenantId> get() {
        TenantId scoped = SCOPED.get();
        if (scoped != null) {
            return Optional.of(scoped);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TenantBound bound) {
            return bound.tenant();
        }
        return Optional.empty();
    }

    public static TenantId require() {
        return get().orElseThrow(() -> new IllegalStateException("no tenant in the current context"));
    }

    /** Runs work for the given tenant on this thread, restoring the previous scope afterwards. */
    public static <T> T call(TenantId tenant, Supplier<T> work) {
        TenantId previous = SCOPED.get();
        SCOPED.set(tenant);
        try {
            return work.get();
        } finally {
            restore(previous);
        }
    }

    public static void run(TenantId tenant, Runnable work) {
        TenantId previous = SCOPED.get();
        SCOPED.set(tenant);
        try {
            work.run();
        } finally {
            restore(previous);
        }
    }

    private static void restore(TenantId previous) {
        if (previous == null) {
            SCOPED.remove();
        } else {
            SCOPED.set(previous);
        }
    }
}
