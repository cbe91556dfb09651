package com.radrelay.tenancy;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Transactions of one tenant, named by the caller, on the JPA transaction manager: for work that touches JPA
 * entities or publishes workflow events (Spring Modulith's event registry writes in a JPA transaction). Row-level
 * security and Hibernate's tenant both follow the named tenant.
 */
public final class TenantTransactions {

    private final TenantScope scope;

    public TenantTransactions(PlatformTransactionManager jpaTransactions) {
        this.scope = new TenantScope(jpaTransactions);
    }

    /** The tenant whose named transaction (JDBC or JPA) this thread is in, if any. */
    public static java.util.Optional<TenantId> active() {
        return TenantScope.active();
    }

    /** As {@link TenantJdbcTransactions#execute}: joins this thread's transaction of the same tenant, if any. */
    public <T> T execute(TenantId tenant, Supplier<T> work) {
        return scope.execute(tenant, work);
    }
}
