package com.radrelay.testing;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.radrelay.security.SecondFactors;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/**
 * A person's authenticator app in tests: set up through the same enrolment a person goes through, it shows the
 * current code (each is good once: a used one gives way to the next step's, then to waiting) and holds the
 * recovery codes.
 */
public final class Authenticator {

    private final byte[] seed;
    private final Deque<String> recoveryCodes = new ArrayDeque<>();
    private long lastStep;

    private Authenticator(String base32) {
        this.seed = decode(base32);
    }

    /** An app for a known seed (the demo's). */
    public static Authenticator withSecret(String base32) {
        return new Authenticator(base32);
    }

    /** Enrols {@code user} as the second-factor page does, and keeps the recovery codes it hands out. */
    public static Authenticator enrol(SecondFactors factors, UUID user, String username) {
        SecondFactors.Enrolment enrolment = factors.start(user, username);
        Authenticator app = new Authenticator(enrolment.secret());
        app.recoveryCodes.addAll(factors.confirm(user, username, app.code()).orElseThrow());
        return app;
    }

    /**
     * The code the app shows now; if that one was used, the next step's (servers accept one step of clock drift
     * either way); if both were used, the next one once it shows.
     */
    public synchronized String code() {
        long step;
        while ((step = Math.max(Instant.now().getEpochSecond() / 30, lastStep + 1))
                > Instant.now().getEpochSecond() / 30 + 1) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        lastStep = step;
        try {
            return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                    new SecretKeySpec(seed, "HmacSHA1"), Instant.ofEpochSecond(step * 30));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One of the recovery codes handed out at enrolment, not given before. */
    public synchronized String recoveryCode() {
        return recoveryCodes.pop();
    }

    private static byte[] decode(String base32) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        String t = base32.replace("=", "").toUpperCase(java.util.Locale.ROOT);
        byte[] out = new byte[t.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (char c : t.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out[at++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }
}
