package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.security.Vendor;
import com.radrelay.tenancy.ClinicProfile;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform administrator's queue: approve (the account, and for a clinic the clinic, exist from then on), reject
 * with a reason, or ask for more. Until approval an applicant has no account, so nothing of theirs can be used.
 */
@Service
public class ApplicationReview {

    private final Applications applications;
    private final Decisions decisions;
    private final OnboardingLinks links;
    private final Letters letters;
    private final LicenceDocuments documents;
    private final UserAccounts accounts;
    private final ClinicOnboarding clinics;
    private final TenantDirectory directory;
    private final AuditLog audit;
    private final OnboardingSettings settings;
    private final Clock clock;

    ApplicationReview(Applications applications, Decisions decisions, OnboardingLinks links, Letters letters,
            LicenceDocuments documents, UserAccounts accounts, ClinicOnboarding clinics, TenantDirectory directory,
            AuditLog audit, OnboardingSettings settings, Clock clock) {
        this.applications = applications;
        this.decisions = decisions;
        this.links = links;
        this.letters = letters;
        this.documents = documents;
        this.accounts = accounts;
        this.clinics = clinics;
        this.directory = directory;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Open applications, oldest first; unconfirmed ones are listed but cannot be decided yet. */
    @Transactional(readOnly = true)
    public List<ApplicationSummary> open(SignedInUser admin) {
        requireAdmin(admin);
        return applications.findByStatusInOrderByCreatedAt(SigningUp.OPEN).stream().map(Application::toSummary)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ApplicationSummary> decided(SignedInUser admin) {
        requireAdmin(admin);
        return applications.findByStatusInOrderByCreatedAt(EnumSet.of(ApplicationStatus.APPROVED,
                ApplicationStatus.REJECTED)).reversed().stream().limit(100).map(Application::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public List<Decision> history(SignedInUser admin, UUID application) {
        requireAdmin(admin);
        return decisions.of(application);
    }

    /** The applicant's licence scan, decrypted; reading it is audited. */
    @Transactional(readOnly = true)
    public InputStream document(SignedInUser admin, UUID application) throws IOException {
        requireAdmin(admin);
        Application a = find(application);
        String key = Objects.requireNonNull(a.documentKey(), "this application has no document");
        audit.record(new AuditEvent(null, admin.username(), "LICENCE_DOCUMENT_READ", "application",
                application.toString(), AuditEvent.Outcome.SUCCESS, null));
        return documents.open(key);
    }

    @Transactional
    public ApplicationSummary approve(SignedInUser admin, UUID application) {
        requireAdmin(admin);
        Application a = find(application);
        a.approve(clock.instant());
        String organisation = switch (a.kind()) {
            case CLINIC -> {
                Tenant clinic = clinics.register(freeCode(Objects.requireNonNull(a.organisation())),
                        a.organisation(), Objects.requireNonNull(a.country()), Objects.requireNonNull(a.region()));
                directory.updateProfile(clinic.id(), new ClinicProfile(clinic.name(), a.address(), a.fullName(),
                        a.phone(), a.email().value(), "ROUTINE", List.of()));
                accounts.create(a.email(), a.fullName(), a.password(), Role.CLINIC_MANAGER, clinic.id());
                yield clinic.name() + ", " + clinic.region();
            }
            case RADIOLOGIST -> {
                UserSummary user = accounts.create(a.email(), a.fullName(), a.password(), Role.RADIOLOGIST, null);
                accounts.registerRadiologist(user.id(), a.licences(), a.modalities(), a.subspecialties());
                yield "licensed in " + String.join(", ", a.licences().stream().map(l -> l.region()).toList());
            }
            case AI_VENDOR -> {
                Vendor vendor = accounts.registerVendor(Objects.requireNonNull(a.organisation()), a.country(),
                        a.regulatory());
                accounts.createVendorAccount(a.email(), a.fullName(), a.password(), vendor.id());
                yield vendor.name();
            }
        };
        decide(a, admin, "APPROVED", null);
        letters.approved(a.email(), a.kind(), organisation);
        return a.toSummary();
    }

    @Transactional
    public ApplicationSummary reject(SignedInUser admin, UUID application, String reason) {
        requireAdmin(admin);
        Application a = find(application);
        a.reject(reason, clock.instant());
        decide(a, admin, "REJECTED", reason.strip());
        letters.rejected(a.email(), reason.strip());
        return a.toSummary();
    }

    @Transactional
    public ApplicationSummary askForMore(SignedInUser admin, UUID application, String question) {
        requireAdmin(admin);
        Application a = find(application);
        a.askForMore(question);
        decide(a, admin, "ASKED_FOR_MORE", question.strip());
        String token = links.issue(OnboardingLinks.Purpose.CONTINUE_APPLICATION, a.id(),
                settings.answerLinkValidFor());
        letters.moreInformation(a.email(), question.strip(), token, settings.answerLinkValidFor());
        return a.toSummary();
    }

    private void decide(Application a, SignedInUser admin, String action, @Nullable String note) {
        decisions.record(a.id(), admin.username(), action, note);
        audit.record(new AuditEvent(null, admin.username(), "APPLICATION_" + action, "application",
                a.id().toString(), AuditEvent.Outcome.SUCCESS, "kind=" + a.kind() + (note == null ? "" : " " + note)));
    }

    /** A clinic code from its name ("St. Mary's Clinic" -> "st-marys-clinic"), numbered if taken. */
    private String freeCode(String name) {
        String base = name.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        base = base.length() > 28 ? base.substring(0, 28).replaceAll("-+$", "") : base;
        if (base.length() < 3) {
            base = "clinic-" + base;
        }
        String code = base;
        for (int n = 2; directory.bySlug(code).isPresent() || code.equals("radrelay-platform"); n++) {
            code = base + "-" + n;
        }
        return code;
    }

    private Application find(UUID id) {
        return applications.findById(id).orElseThrow(() -> new IllegalArgumentException("no such application"));
    }

    private static void requireAdmin(SignedInUser user) {
        if (user.role() != Role.PLATFORM_ADMIN) {
            throw new IllegalStateException("only a platform administrator reviews applications");
        }
    }
}
