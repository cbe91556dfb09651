package com.radrelay.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an API token may do: STORE (STOW-RS), QUERY (QIDO-RS) and RETRIEVE (WADO-RS and the FHIR reports). A
 * gateway that only sends images gets STORE alone, so its token reads nothing if it leaks.
 */
public enum ApiScope {
    STORE, QUERY, RETRIEVE;

    public static final Set<ApiScope> ALL = Set.copyOf(EnumSet.allOf(ApiScope.class));

    // QIDO-RS: a search of studies, series or instances, at any level of a study's path.
    private static final Pattern QIDO = Pattern.compile(
            "^/dicomweb/[^/]+(?:/studies|/series|/instances|/studies/[^/]+/(?:series|instances)"
                    + "|/studies/[^/]+/series/[^/]+/instances)/?$");

    /** What a call needs; empty when any valid token may make it (such as asking who the token is). */
    public static Optional<ApiScope> neededFor(String method, String path) {
        if (path.startsWith("/dicomweb/")) {
            if ("POST".equals(method)) {
                return Optional.of(STORE);
            }
            return Optional.of(QIDO.matcher(path).matches() ? QUERY : RETRIEVE);
        }
        if (path.matches("^/api/clinics/[^/]+/fhir(?:/.*)?$")) {
            return Optional.of(RETRIEVE);
        }
        return Optional.empty();
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
