package com.radrelay.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a clinic's manager keeps up to date about it: its name, address and contact, the priority its studies get
 * unless a request says otherwise (ROUTINE, URGENT or STAT), and the languages it prefers reports in (ISO 639-1).
 */
public record ClinicProfile(String name, @Nullable String address, @Nullable String contactName,
        @Nullable String contactPhone, @Nullable String contactEmail, String defaultPriority, List<String> languages) {

    private static final Set<String> PRIORITIES = Set.of("ROUTINE", "URGENT", "STAT");

    public ClinicProfile {
        name = name.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("clinic name is required");
        }
        address = blankToNull(address);
        contactName = blankToNull(contactName);
        contactPhone = blankToNull(contactPhone);
        contactEmail = blankToNull(contactEmail);
        if (contactEmail != null && !contactEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("'" + contactEmail + "' is not an e-mail address");
        }
        if (!PRIORITIES.contains(defaultPriority)) {
            throw new IllegalArgumentException("default priority must be one of " + PRIORITIES);
        }
        languages = languages.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String language : languages) {
            if (!language.matches("[a-z]{2}")) {
                throw new IllegalArgumentException("'" + language + "' is not a two-letter language code (ISO 639-1)");
            }
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
