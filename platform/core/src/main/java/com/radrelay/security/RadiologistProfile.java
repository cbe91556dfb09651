package com.radrelay.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where and what a radiologist may read: licensed regions, modalities, subspecialties. */
@Entity
@Table(name = "radiologist_profiles")
public class RadiologistProfile {

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "radiologist_licences", joinColumns = @JoinColumn(name = "user_id"))
    private List<Licence> licences = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] modalities;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] subspecialties;

    protected RadiologistProfile() {
    }

    RadiologistProfile(UUID userId, List<Licence> licences, Set<String> modalities, Set<String> subspecialties) {
        this.userId = userId;
        this.licences = new ArrayList<>(licences);
        this.modalities = normalized(modalities);
        this.subspecialties = subspecialties.stream().map(String::strip).sorted().toArray(String[]::new);
    }

    private static String[] normalized(Set<String> modalities) {
        return modalities.stream().map(m -> m.strip().toUpperCase(Locale.ROOT)).sorted().distinct()
                .toArray(String[]::new);
    }

    public UUID userId() {
        return userId;
    }

    public List<Licence> licences() {
        return List.copyOf(licences);
    }

    public Set<String> modalities() {
        return new TreeSet<>(List.of(modalities));
    }

    public Set<String> subspecialties() {
        return new TreeSet<>(List.of(subspecialties));
    }

    void revoke(String number, LocalDate day) {
        Licence licence = licences.stream().filter(l -> l.number().equals(number)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no licence " + number));
        licences.set(licences.indexOf(licence), licence.revokedFrom(day));
    }

    /** Whether this radiologist may report a study of this modality from a clinic in this region today. */
    public boolean mayRead(String region, String modality, LocalDate today) {
        return modalities().contains(modality.toUpperCase(Locale.ROOT)) && licensedIn(region, today);
    }

    /** Whether a licence for {@code region} is valid on {@code day}. */
    public boolean licensedIn(String region, LocalDate day) {
        return licences.stream().anyMatch(l -> l.region().equals(region) && l.validOn(day));
    }
}
