package com.radrelay.tenancy;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * A new transaction of one named tenant (a caller's transaction, if any, is suspended): the transaction managers
 * set PostgreSQL's {@code app.tenant_id} from it, and Hibernate's tenant follows it.
 */
public final class TenantTransaction extends DefaultTransactionDefinition {

    private final TenantId tenant;

    TenantTransaction(TenantId tenant) {
        super(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.tenant = tenant;
    }

    public TenantId tenant() {
        return tenant;
    }
}
