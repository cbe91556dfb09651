package com.radrelay.tenancy.db;

import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import java.util.UUID;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Gives Hibernate the same tenant as row-level security; without one, a tenant that owns nothing. */
class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<UUID> {

    static final UUID NO_TENANT = new UUID(0, 0);

    @Override
    public UUID resolveCurrentTenantIdentifier() {
        return TenantTransactions.active().or(CurrentTenant::get).map(TenantId::value).orElse(NO_TENANT);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
