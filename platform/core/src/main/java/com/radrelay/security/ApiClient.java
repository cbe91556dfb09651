package com.radrelay.security;

import com.radrelay.tenancy.TenantBound;
import com.radrelay.tenancy.TenantId;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A machine (PACS, modality gateway, script) calling the REST or DICOMweb API with a clinic's token, and what that
 * token may do.
 */
public record ApiClient(TenantId clinic, UUID tokenId, String tokenName, Set<ApiScope> scopes)
        implements TenantBound, Principal {

    /** How the audit log names this caller. */
    @Override
    public String getName() {
        return "token:" + tokenId;
    }

    @Override
    public Optional<TenantId> tenant() {
        return Optional.of(clinic);
    }
}
