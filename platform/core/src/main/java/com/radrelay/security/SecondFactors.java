package com.radrelay.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.storage.SecretSealing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor radiologists and administrators need at sign-in and at report sign-off: a time-based one-time
 * password (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, the step before and after accepted for clock drift),
 * each code good once, and ten single-use recovery codes for a lost phone. Wrong codes make the account wait, 30
 * seconds doubling to 15 minutes after the fifth.
 */
@Service
public class SecondFactors {

    /** Shown in authenticator apps beside the account. */
    private static final String ISSUER = "RadRelay";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int FREE_FAILURES = 5;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final SecretSealing sealing;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator(STEP);

    SecondFactors(JdbcTemplate jdbc, SecretSealing sealing, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
    }

    /** A seed to add to an authenticator app: as text and as the otpauth URI its QR code carries. */
    public record Enrolment(String secret, String uri) {
    }

    /** What a code check found. */
    public sealed interface Check {
        record Accepted(boolean recoveryCodeUsed) implements Check {
        }

        record Refused(String reason) implements Check {
        }
    }

    /** Radiologists sign reports and administrators run the platform: they must have a second factor. */
    public static boolean required(Role role) {
        return role == Role.RADIOLOGIST || role == Role.PLATFORM_ADMIN;
    }

    @Transactional(readOnly = true)
    public boolean enrolled(UUID user) {
        return !jdbc.queryForList("select 1 from user_second_factors where user_id = ? and confirmed_at is not null",
                Integer.class, user).isEmpty();
    }

    /** A new seed for {@code user}, waiting for a first code from the app; an earlier unconfirmed one is replaced. */
    @Transactional
    public Enrolment start(UUID user, String username) {
        if (enrolled(user)) {
            throw new IllegalStateException("a second factor is already set up for " + username);
        }
        byte[] seed = new byte[20];
        RANDOM.nextBytes(seed);
        save(user, seed, null);
        String secret = Base32.encode(seed);
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        return new Enrolment(secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=30");
    }

    /**
     * Confirms the enrolment with a first code from the app and returns the recovery codes, shown once; empty if the
     * code is wrong.
     */
    @Transactional
    public Optional<List<String>> confirm(UUID user, String username, String code) {
        Map<String, Object> row = jdbc.queryForMap("select sealed_seed, last_step from user_second_factors "
                + "where user_id = ? and confirmed_at is null for update", user);
        byte[] seed = sealing.open((byte[]) row.get("sealed_seed"), purpose(user));
        Optional<Long> step = matchingStep(seed, code, (Long) row.get("last_step"));
        if (step.isEmpty()) {
            return Optional.empty();
        }
        jdbc.update("update user_second_factors set confirmed_at = ?, last_step = ? where user_id = ?",
                Timestamp.from(clock.instant()), step.get(), user);
        List<String> codes = newRecoveryCodes(user);
        audit.record(new AuditEvent(null, username, "SECOND_FACTOR_ENROLLED", "user", user.toString(),
                AuditEvent.Outcome.SUCCESS, "totp; " + codes.size() + " recovery codes"));
        return Optional.of(codes);
    }

    /** Sets up a known seed at once (the demo's published one), with no recovery codes. */
    @Transactional
    public void enrolWithSeed(UUID user, String base32Secret) {
        if (!enrolled(user)) {
            save(user, Base32.decode(base32Secret), Timestamp.from(clock.instant()));
        }
    }

    /** Checks a code from the app, or a recovery code, for an enrolled account; every outcome is audited. */
    @Transactional
    public Check verify(UUID user, String username, String code) {
        List<Map<String, Object>> rows = jdbc.queryForList("select sealed_seed, last_step, failures, blocked_until "
                + "from user_second_factors where user_id = ? and confirmed_at is not null for update", user);
        if (rows.isEmpty()) {
            return refused(user, username, "no second factor is set up");
        }
        Map<String, Object> row = rows.getFirst();
        Instant now = clock.instant();
        Timestamp blocked = (Timestamp) row.get("blocked_until");
        if (blocked != null && blocked.toInstant().isAfter(now)) {
            long seconds = Duration.between(now, blocked.toInstant()).toSeconds() + 1;
            return refused(user, username, "too many wrong codes: try again in " + seconds + " seconds");
        }
        String given = code == null ? "" : code.strip().toLowerCase(java.util.Locale.ROOT);
        if (given.matches("\\d{6}")) {
            byte[] seed = sealing.open((byte[]) row.get("sealed_seed"), purpose(user));
            Optional<Long> step = matchingStep(seed, given, (Long) row.get("last_step"));
            if (step.isPresent()) {
                jdbc.update("update user_second_factors set last_step = ?, failures = 0, blocked_until = null "
                        + "where user_id = ?", step.get(), user);
                audit.record(new AuditEvent(null, username, "SECOND_FACTOR", "user", user.toString(),
                        AuditEvent.Outcome.SUCCESS, "totp"));
                return new Check.Accepted(false);
            }
        } else if (jdbc.update("update user_recovery_codes set used_at = ? where user_id = ? and code_hash = ? "
                + "and used_at is null", Timestamp.from(now), user, hash(given.replace(" ", ""))) == 1) {
            jdbc.update("update user_second_factors set failures = 0, blocked_until = null where user_id = ?", user);
            audit.record(new AuditEvent(null, username, "SECOND_FACTOR", "user", user.toString(),
                    AuditEvent.Outcome.SUCCESS, "recovery code; " + unusedRecoveryCodes(user) + " left"));
            return new Check.Accepted(true);
        }
        int failures = (Integer) row.get("failures") + 1;
        Timestamp until = failures < FREE_FAILURES ? null : Timestamp.from(now.plus(Duration.ofSeconds(
                Math.min(900, 30L << Math.min(failures - FREE_FAILURES, 5)))));
        jdbc.update("update user_second_factors set failures = ?, blocked_until = ? where user_id = ?", failures, until,
                user);
        return refused(user, username, "wrong code");
    }

    @Transactional(readOnly = true)
    public int unusedRecoveryCodes(UUID user) {
        return jdbc.queryForObject("select count(*) from user_recovery_codes where user_id = ? and used_at is null",
                Integer.class, user);
    }

    private Check refused(UUID user, String username, String reason) {
        audit.record(new AuditEvent(null, username, "SECOND_FACTOR", "user", user.toString(),
                AuditEvent.Outcome.FAILURE, reason));
        return new Check.Refused(reason);
    }

    /** The time step whose code is {@code code}, now or one step either side, if it is later than the last used. */
    private Optional<Long> matchingStep(byte[] seed, String code, long lastUsed) {
        long now = clock.instant().getEpochSecond() / STEP.toSeconds();
        SecretKeySpec key = new SecretKeySpec(seed, "HmacSHA1");
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                String expected = totp.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
                if (step > lastUsed && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        code.strip().getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(step);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private void save(UUID user, byte[] seed, @Nullable Timestamp confirmed) {
        jdbc.update("delete from user_second_factors where user_id = ?", user);
        jdbc.update("insert into user_second_factors (user_id, sealed_seed, confirmed_at, created_at) "
                + "values (?, ?, ?, ?)", user, sealing.seal(seed, purpose(user)), confirmed,
                Timestamp.from(clock.instant()));
    }

    private List<String> newRecoveryCodes(UUID user) {
        jdbc.update("delete from user_recovery_codes where user_id = ?", user);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
            jdbc.update("insert into user_recovery_codes (user_id, code_hash) values (?, ?)", user,
                    hash(code.toString()));
        }
        return codes;
    }

    /** Recovery codes carry about 49 bits of randomness each: a plain SHA-256 of them cannot be walked back. */
    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.replace("-", "").getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String purpose(UUID user) {
        return "totp-seed:" + user;
    }

    /** RFC 4648 base32, as authenticator apps read seeds. */
    static final class Base32 {
        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Base32() {
        }

        static String encode(byte[] data) {
            StringBuilder out = new StringBuilder();
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xFF);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
            }
            return out.toString();
        }

        static byte[] decode(String text) {
            String t = text.replace("=", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
            byte[] out = new byte[t.length() * 5 / 8];
            int buffer = 0;
            int bits = 0;
            int at = 0;
            for (char c : t.toCharArray()) {
                int v = ALPHABET.indexOf(c);
                if (v < 0) {
                    throw new IllegalArgumentException("not base32: " + c);
                }
                buffer = (buffer << 5) | v;
                bits += 5;
                if (bits >= 8) {
                    out[at++] = (byte) (buffer >> (bits - 8));
                    bits -= 8;
                }
            }
            return out;
        }
    }
}
