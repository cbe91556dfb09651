package com.radrelay.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Finds and registers clinics. The tenants table itself is platform data, readable before a tenant is known. */
@Service
public class TenantDirectory {

    // Every API call resolves its clinic by slug; clinics change rarely, so a few seconds of staleness is fine.
    private static final int SLUG_CACHE_SECONDS = 15;
    private static final Duration SLUG_CACHE_TTL = Duration.ofSeconds(SLUG_CACHE_SECONDS);

    /** Owner of the platform's own objects (applicants' documents); not a clinic, never listed or resolved. */
    public static final TenantId PLATFORM_DATA = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000001"));

    private final Tenants tenants;
    private final Map<String, Cached> bySlug = new ConcurrentHashMap<>();

    TenantDirectory(Tenants tenants) {
        this.tenants = tenants;
    }

    private record Cached(Optional<Tenant> tenant, Instant until) {
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> bySlug(String slug) {
        Cached cached = bySlug.get(slug);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.tenant();
        }
        Optional<Tenant> tenant = tenants.findBySlugAndStatusNot(slug, Tenant.Status.PLATFORM);
        // Only clinics that exist are remembered: unknown slugs from callers must not grow the cache.
        tenant.ifPresent(t -> bySlug.put(slug, new Cached(tenant, Instant.now().plus(SLUG_CACHE_TTL))));
        return tenant;
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> byId(TenantId id) {
        return tenants.findById(id.value()).filter(t -> t.status() != Tenant.Status.PLATFORM);
    }

    @Transactional(readOnly = true)
    public List<Tenant> all() {
        return tenants.findByStatusNot(Tenant.Status.PLATFORM, Sort.by("name"));
    }

    @Transactional
    public Tenant updateProfile(TenantId clinic, ClinicProfile profile) {
        Tenant tenant = tenants.findById(clinic.value()).filter(t -> t.status() != Tenant.Status.PLATFORM)
                .orElseThrow(() -> new IllegalArgumentException("no such clinic"));
        tenant.updateProfile(profile);
        forgetAfterCommit(tenant.slug());
        return tenant;
    }

    /**
     * Suspends or reactivates a clinic: while suspended, no door lets anyone in (sign-in and open sessions, API
     * tokens, DIMSE). Other application nodes see it within {@value #SLUG_CACHE_SECONDS} seconds.
     */
    @Transactional
    public Tenant setSuspended(TenantId clinic, boolean suspended) {
        Tenant tenant = tenants.findById(clinic.value()).filter(t -> t.status() != Tenant.Status.PLATFORM)
                .orElseThrow(() -> new IllegalArgumentException("no such clinic"));
        if (suspended) {
            tenant.suspend();
        } else {
            tenant.reactivate();
        }
        forgetAfterCommit(tenant.slug());
        return tenant;
    }

    @Transactional
    public Tenant register(String slug, String name, String country, String region) {
        Tenant tenant = new Tenant(slug, name, country, region);
        if (tenants.findBySlugAndStatusNot(tenant.slug(), Tenant.Status.PLATFORM).isPresent()
                || tenant.slug().equals("radrelay-platform")) {
            throw new IllegalArgumentException("a clinic with slug '" + tenant.slug() + "' already exists");
        }
        forgetAfterCommit(tenant.slug());
        return tenants.save(tenant);
    }

    /**
     * Drops a clinic's cached entry once the change is visible to every reader: dropped inside the transaction, a
     * request resolving the clinic meanwhile would read the old row and cache it again for the whole TTL.
     */
    private void forgetAfterCommit(String slug) {
        bySlug.remove(slug);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    bySlug.remove(slug);
                }
            });
        }
    }
}
