package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, suspends and reactivates clinics on the platform, with an audit trail of who did which and why. */
@Service
public class ClinicOnboarding {

    private final TenantDirectory clinics;
    private final AuditLog audit;

    ClinicOnboarding(TenantDirectory clinics, AuditLog audit) {
        this.clinics = clinics;
        this.audit = audit;
    }

    @Transactional
    public Tenant register(String slug, String name, String country, String region) {
        Tenant clinic = clinics.register(slug, name, country, region);
        audit.record(new AuditEvent(clinic.id(), AuditEvent.currentActor(), "CLINIC_REGISTERED", "clinic", clinic.slug(),
                AuditEvent.Outcome.SUCCESS, "region=" + clinic.region()));
        return clinic;
    }

    /** Suspends a clinic (nobody of it gets in by any door until it is reactivated); the reason is audited. */
    @Transactional
    public Tenant suspend(TenantId clinic, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why the clinic is suspended: the clinic and the audit read it");
        }
        Tenant tenant = clinics.setSuspended(clinic, true);
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "CLINIC_SUSPENDED", "clinic", tenant.slug(),
                AuditEvent.Outcome.SUCCESS, reason.strip()));
        return tenant;
    }

    @Transactional
    public Tenant reactivate(TenantId clinic) {
        Tenant tenant = clinics.setSuspended(clinic, false);
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "CLINIC_REACTIVATED", "clinic", tenant.slug(),
                AuditEvent.Outcome.SUCCESS, null));
        return tenant;
    }
}
