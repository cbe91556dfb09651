package com.radrelay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An AI vendor company: the owner of its models and the employer of its AI_VENDOR accounts. */
@Entity
@Table(name = "vendors")
public class Vendor {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private @Nullable String country;
    private @Nullable String regulatory;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Vendor() {
    }

    Vendor(String name, @Nullable String country, @Nullable String regulatory) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a vendor needs a name");
        }
        this.id = UUID.randomUUID();
        this.name = name.strip();
        this.country = country;
        this.regulatory = regulatory;
        this.createdAt = Instant.now();
    }

    public VendorId id() {
        return new VendorId(id);
    }

    public String name() {
        return name;
    }

    public @Nullable String country() {
        return country;
    }

    public @Nullable String regulatory() {
        return regulatory;
    }
}
