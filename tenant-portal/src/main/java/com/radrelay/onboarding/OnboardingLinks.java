package com.radrelay.onboarding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Single-use, expiring links sent by e-mail. The token is 256 random bits; only its SHA-256 is stored, and using it
 * is one conditional update, so two clicks at once cannot both succeed.
 */
@Component
class OnboardingLinks {

    enum Purpose { CONFIRM_EMAIL, CONTINUE_APPLICATION, INVITATION, PASSWORD_RESET }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OnboardingLinks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String issue(Purpose purpose, UUID subject, Duration validFor) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        jdbc.update("insert into onboarding_links (token_hash, purpose, subject, created_at, expires_at) "
                + "values (?, ?, ?, ?, ?)", hash(token), purpose.name(), subject, Timestamp.from(now),
                Timestamp.from(now.plus(validFor)));
        return token;
    }

    /** What the link is, without using it: to show its form before the person submits. */
    LinkCheck check(Purpose purpose, String token) {
        List<LinkCheck> found = jdbc.query("select subject, expires_at, used_at from onboarding_links "
                + "where token_hash = ? and purpose = ?", (rs, i) -> {
                    if (rs.getTimestamp("used_at") != null) {
                        return new LinkCheck.Used();
                    }
                    if (!rs.getTimestamp("expires_at").toInstant().isAfter(clock.instant())) {
                        return new LinkCheck.Expired();
                    }
                    return new LinkCheck.Valid(rs.getObject("subject", UUID.class));
                }, hash(token), purpose.name());
        return found.isEmpty() ? new LinkCheck.Unknown() : found.getFirst();
    }

    /** Uses the link: valid once, within its time. */
    LinkCheck redeem(Purpose purpose, String token) {
        Instant now = clock.instant();
        List<UUID> used = jdbc.queryForList("update onboarding_links set used_at = ? where token_hash = ? "
                + "and purpose = ? and used_at is null and expires_at > ? returning subject", UUID.class,
                Timestamp.from(now), hash(token), purpose.name(), Timestamp.from(now));
        return used.isEmpty() ? check(purpose, token) : new LinkCheck.Valid(used.getFirst());
    }

    /** How many links of this purpose were sent for the subject since {@code since}: to limit mail to one address. */
    int issuedSince(Purpose purpose, UUID subject, Instant since) {
        Integer n = jdbc.queryForObject("select count(*) from onboarding_links where subject = ? and purpose = ? "
                + "and created_at > ?", Integer.class, subject, purpose.name(), Timestamp.from(since));
        return n == null ? 0 : n;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
