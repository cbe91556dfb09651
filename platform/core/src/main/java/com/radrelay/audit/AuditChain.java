package com.radrelay.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** The hash of an audit row: SHA-256 over the previous row's hash and every field of this row. */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    private static final char SEPARATOR = '\u001f';
    private static final String NULL = "\u0000";

    private AuditChain() {
    }

    /** PostgreSQL keeps microseconds; hashing anything finer would make stored rows fail verification. */
    static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    static String hash(long seq, Instant at, AuditEvent e, String previousHash) {
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void append(StringBuilder sb, @Nullable String field) {
        sb.append(field == null ? NULL : field).append(SEPARATOR);
    }

    /** Re-computes the chain row by row and remembers the first row that does not hold. */
    static final class Walk {

        private String previous = GENESIS;
        private long expectedSeq = 1;
        private ChainVerification.@Nullable Broken broken;

        void accept(AuditRecord r) {
            if (broken != null) {
                return;
            }
            if (r.seq() != expectedSeq) {
                broken = new ChainVerification.Broken(r.seq(), "row " + expectedSeq + " is missing");
            } else if (!r.previousHash().equals(previous)) {
                broken = new ChainVerification.Broken(r.seq(), "link to the previous row does not match");
            } else if (!hash(r.seq(), r.at(), r.event(), r.previousHash()).equals(r.hash())) {
                broken = new ChainVerification.Broken(r.seq(), "content does not match its hash");
            }
            previous = r.hash();
            expectedSeq++;
        }

        ChainVerification result() {
            return broken != null ? broken : new ChainVerification.Intact(expectedSeq - 1);
        }
    }
}
