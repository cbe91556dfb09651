package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers clinics on the platform, with an audit trail of who registered which. */
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
}
