package com.radrelay.tenancy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A clinic: the unit of isolation. Its slug names it in URLs, object keys and AE titles. */
@Entity
@Table(name = "tenants")
public class Tenant {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,30}[a-z0-9])");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    // ISO 3166-2 subdivision, e.g. "KE-30" or "US-TX".
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    /** PLATFORM marks the one owner of the platform's own objects, which is not a clinic. */
    public enum Status { ACTIVE, SUSPENDED, PLATFORM }

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String slug;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String country;

    @Column(nullable = false)
    private String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    private @Nullable String address;

    @Column(name = "contact_name")
    private @Nullable String contactName;

    @Column(name = "contact_phone")
    private @Nullable String contactPhone;

    @Column(name = "contact_email")
    private @Nullable String contactEmail;

    @Column(name = "default_priority", nullable = false)
    private String defaultPriority = "ROUTINE";

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] languages = {};

    protected Tenant() {
    }

    public Tenant(String slug, String name, String country, String region) {
        this.id = UUID.randomUUID();
        this.slug = requireMatch(SLUG, slug.toLowerCase(Locale.ROOT), "slug");
        this.name = name.strip();
        if (this.name.isEmpty()) {
            throw new IllegalArgumentException("clinic name is required");
        }
        this.country = requireMatch(COUNTRY, country.toUpperCase(Locale.ROOT), "country");
        this.region = requireMatch(REGION, region.toUpperCase(Locale.ROOT), "region");
        if (!this.region.startsWith(this.country + "-")) {
            throw new IllegalArgumentException("region " + this.region + " is not in country " + this.country);
        }
        this.status = Status.ACTIVE;
        this.createdAt = Instant.now();
    }

    /** An ISO 3166-2 region code, upper-cased, or a clear error. */
    public static String region(String value) {
        return requireMatch(REGION, value.strip().toUpperCase(Locale.ROOT), "region (ISO 3166-2, e.g. KE-30)");
    }

    /** An ISO 3166-1 alpha-2 country code, upper-cased, or a clear error. */
    public static String country(String value) {
        return requireMatch(COUNTRY, value.strip().toUpperCase(Locale.ROOT), "country (ISO 3166-1, e.g. KE)");
    }

    private static String requireMatch(Pattern pattern, String value, String what) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + ": '" + value + "'");
        }
        return value;
    }

    public TenantId id() {
        return new TenantId(id);
    }

    public String slug() {
        return slug;
    }

    public String name() {
        return name;
    }

    public String country() {
        return country;
    }

    public String region() {
        return region;
    }

    public Status status() {
        return status;
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ClinicProfile profile() {
        return new ClinicProfile(name, address, contactName, contactPhone, contactEmail, defaultPriority,
                List.of(languages));
    }

    /** The priority of the clinic's studies unless a request says otherwise: ROUTINE, URGENT or STAT. */
    public String defaultPriority() {
        return defaultPriority;
    }

    void updateProfile(ClinicProfile profile) {
        this.name = profile.name();
        this.address = profile.address();
        this.contactName = profile.contactName();
        this.contactPhone = profile.contactPhone();
        this.contactEmail = profile.contactEmail();
        this.defaultPriority = profile.defaultPriority();
        this.languages = profile.languages().toArray(String[]::new);
    }

    public void suspend() {
        status = Status.SUSPENDED;
    }

    public void reactivate() {
        status = Status.ACTIVE;
    }
}
