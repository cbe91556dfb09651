package com.radrelay.onboarding;

import com.radrelay.security.EmailAddress;
import com.radrelay.security.Licence;
import com.radrelay.security.PasswordHash;
import com.radrelay.tenancy.Tenant;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** One request to join, from sign-up to the administrator's decision. Each step refuses the wrong state. */
@Entity
@Table(name = "onboarding_applications")
class Application {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicantKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationStatus status;

    @Column(nullable = false)
    private String email;

    @Column(name = "full_name", nullable = false)
    private String fullName;

    private @Nullable String phone;
    private @Nullable String organisation;
    private @Nullable String country;
    private @Nullable String region;
    private @Nullable String address;

    @Column(name = "expected_volume")
    private @Nullable Integer expectedVolume;

    private @Nullable String regulatory;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] modalities = {};

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] subspecialties = {};

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "onboarding_licences", joinColumns = @JoinColumn(name = "application_id"))
    private List<Licence> licences = new ArrayList<>();

    @Column(name = "document_key")
    private @Nullable String documentKey;

    @Column(name = "document_name")
    private @Nullable String documentName;

    @Column(name = "document_type")
    private @Nullable String documentType;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    private @Nullable String question;
    private @Nullable String answers;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "confirmed_at")
    private @Nullable Instant confirmedAt;

    @Column(name = "decided_at")
    private @Nullable Instant decidedAt;

    @Version
    private long version;

    protected Application() {
    }

    private Application(ApplicantKind kind, EmailAddress email, String fullName, PasswordHash password, Instant now) {
        this.id = UUID.randomUUID();
        this.kind = kind;
        this.status = ApplicationStatus.UNCONFIRMED;
        this.email = email.value();
        this.fullName = required(fullName, "your name");
        this.passwordHash = password.encoded();
        this.createdAt = now;
    }

    static Application of(SignUp.Clinic form, PasswordHash password, Instant now) {
        Application a = new Application(ApplicantKind.CLINIC, new EmailAddress(form.email()), form.managerName(),
                password, now);
        a.organisation = required(form.clinicName(), "the clinic's name");
        a.country = Tenant.country(required(form.country(), "the country"));
        a.region = Tenant.region(required(form.region(), "the region"));
        if (!a.region.startsWith(a.country + "-")) {
            throw new IllegalArgumentException("region " + a.region + " is not in country " + a.country);
        }
        a.address = required(form.address(), "the clinic's address");
        a.phone = required(form.phone(), "a phone number");
        if (form.expectedStudiesPerMonth() < 1) {
            throw new IllegalArgumentException("expected studies per month must be at least 1");
        }
        a.expectedVolume = form.expectedStudiesPerMonth();
        return a;
    }

    static Application of(SignUp.Radiologist form, PasswordHash password, Instant now) {
        Application a = new Application(ApplicantKind.RADIOLOGIST, new EmailAddress(form.email()), form.fullName(),
                password, now);
        a.phone = required(form.phone(), "a phone number");
        if (form.licences().isEmpty()) {
            throw new IllegalArgumentException("add at least one licence");
        }
        for (Licence l : form.licences()) {
            required(l.issuingAuthority(), "each licence's issuing authority");
            required(l.number(), "each licence's number");
            Tenant.region(l.region());
            if (!l.validOn(now.atZone(ZoneOffset.UTC).toLocalDate())) {
                throw new IllegalArgumentException("licence " + l.number() + " expired on " + l.validUntil());
            }
        }
        if (form.modalities().isEmpty()) {
            throw new IllegalArgumentException("choose at least one modality you report");
        }
        a.licences = form.licences().stream().map(l -> new Licence(l.issuingAuthority().strip(),
                Tenant.region(l.region()), l.number().strip(), l.validUntil())).collect(Collectors.toList());
        a.modalities = form.modalities().stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).sorted()
                .toArray(String[]::new);
        a.subspecialties = form.subspecialties().stream().map(String::strip).filter(s -> !s.isEmpty()).sorted()
                .toArray(String[]::new);
        return a;
    }

    static Application of(SignUp.Vendor form, PasswordHash password, Instant now) {
        Application a = new Application(ApplicantKind.AI_VENDOR, new EmailAddress(form.email()), form.contactName(),
                password, now);
        a.organisation = required(form.company(), "the company's name");
        a.phone = required(form.phone(), "a phone number");
        a.country = Tenant.country(required(form.country(), "the country"));
        a.regulatory = required(form.regulatoryInformation(), "regulatory information (clearances, CE marks, "
                + "or that none is held yet)");
        return a;
    }

    private static String required(@Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("enter " + what);
        }
        return value.strip();
    }

    void attachDocument(String key, LicenceDocument document) {
        this.documentKey = key;
        this.documentName = document.fileName();
        this.documentType = document.contentType();
    }

    void confirm(Instant now) {
        require(ApplicationStatus.UNCONFIRMED, "confirmed");
        status = ApplicationStatus.PENDING;
        confirmedAt = now;
    }

    void replace() {
        require(ApplicationStatus.UNCONFIRMED, "replaced");
        status = ApplicationStatus.REPLACED;
    }

    void askForMore(String question) {
        require(ApplicationStatus.PENDING, "asked for more");
        this.question = required(question, "what you need from the applicant");
        status = ApplicationStatus.MORE_INFO;
    }

    void answer(String answer) {
        require(ApplicationStatus.MORE_INFO, "answered");
        String given = required(answer, "your answer");
        answers = answers == null ? given : answers + "\n---\n" + given;
        status = ApplicationStatus.PENDING;
    }

    void approve(Instant now) {
        require(ApplicationStatus.PENDING, "approved");
        status = ApplicationStatus.APPROVED;
        decidedAt = now;
    }

    void reject(String reason, Instant now) {
        if (status != ApplicationStatus.PENDING && status != ApplicationStatus.MORE_INFO) {
            throw new IllegalStateException("an application that is " + status + " cannot be rejected");
        }
        question = required(reason, "the reason, which the applicant will read");
        status = ApplicationStatus.REJECTED;
        decidedAt = now;
    }

    private void require(ApplicationStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("an application that is " + status + " cannot be " + action);
        }
    }

    UUID id() {
        return id;
    }

    ApplicantKind kind() {
        return kind;
    }

    ApplicationStatus status() {
        return status;
    }

    EmailAddress email() {
        return new EmailAddress(email);
    }

    String fullName() {
        return fullName;
    }

    @Nullable String organisation() {
        return organisation;
    }

    @Nullable String country() {
        return country;
    }

    @Nullable String region() {
        return region;
    }

    @Nullable String address() {
        return address;
    }

    @Nullable String phone() {
        return phone;
    }

    @Nullable String regulatory() {
        return regulatory;
    }

    @Nullable String documentKey() {
        return documentKey;
    }

    List<Licence> licences() {
        return List.copyOf(licences);
    }

    Set<String> modalities() {
        return new TreeSet<>(List.of(modalities));
    }

    Set<String> subspecialties() {
        return new TreeSet<>(List.of(subspecialties));
    }

    PasswordHash password() {
        return new PasswordHash(passwordHash);
    }

    ApplicationSummary toSummary() {
        return new ApplicationSummary(id, kind, status, email, fullName, phone, organisation, country, region,
                address, expectedVolume, regulatory, modalities(), subspecialties(), licences(), documentName,
                documentType, question, answers, createdAt, confirmedAt, decidedAt);
    }
}
