package com.radrelay.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The hash of an audit row: an HMAC-SHA256, keyed outside the database, over the previous row's hash and every field
 * of this row, stored as {@code h1:<hex>}. Rows written before the key existed carry a plain SHA-256 (64 hex digits)
 * and still verify; once a keyed row exists, an unkeyed one after it is refused (it is what someone without the key
 * would write).
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    static final String KEYED = "h1:";
    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private AuditChain() {
    }

    /** PostgreSQL keeps microseconds; hashing anything finer would make stored rows fail verification. */
    static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(byte[] key, long seq, Instant at, AuditEvent e, String previousHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return KEYED + HexFormat.of().formatHex(mac.doFinal(content(seq, at, e, previousHash)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The unkeyed hash of rows written before the chain had a key. */
    static String legacyHash(long seq, Instant at, AuditEvent e, String previousHash) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content(seq, at, e,
                    previousHash)));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] content(long seq, Instant at, AuditEvent e, String previousHash) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, previousHash);
        append(sb, Long.toString(seq));
        append(sb, storable(at).toString());
        append(sb, e.tenant() == null ? null : e.tenant().toString());
        append(sb, e.actor());
        append(sb, e.action());
        append(sb, e.objectType());
        append(sb, e.objectId());
        append(sb, e.outcome().name());
        append(sb, e.detail());
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder sb, @Nullable String field) {
        sb.append(field == null ? NULL : field).append(SEPARATOR);
    }

    /** Re-computes the chain row by row and remembers the first row that does not hold. */
    static final class Walk {

        private final byte[] key;
        private String previous = GENESIS;
        private long expectedSeq = 1;
        private boolean keyed;
        private ChainVerification.@Nullable Broken broken;

        Walk(byte[] key) {
            this.key = key;
        }

        void accept(AuditRecord r) {
            if (broken != null) {
                return;
            }
            boolean rowKeyed = r.hash().startsWith(KEYED);
            String expected = rowKeyed ? hash(key, r.seq(), r.at(), r.event(), r.previousHash())
                    : legacyHash(r.seq(), r.at(), r.event(), r.previousHash());
            if (r.seq() != expectedSeq) {
                broken = new ChainVerification.Broken(r.seq(), "row " + expectedSeq + " is missing");
            } else if (!r.previousHash().equals(previous)) {
                broken = new ChainVerification.Broken(r.seq(), "link to the previous row does not match");
            } else if (keyed && !rowKeyed) {
                broken = new ChainVerification.Broken(r.seq(), "an unkeyed row after keyed ones");
            } else if (!expected.equals(r.hash())) {
                broken = new ChainVerification.Broken(r.seq(), "content does not match its hash");
            }
            keyed |= rowKeyed;
            previous = r.hash();
            expectedSeq++;
        }

        /** The last row's number and hash seen so far. */
        long lastSeq() {
            return expectedSeq - 1;
        }

        String lastHash() {
            return previous;
        }

        ChainVerification result() {
            return broken != null ? broken : new ChainVerification.Intact(expectedSeq - 1);
        }
    }
}
