package com.radrelay.audit;

import com.radrelay.storage.SecretFiles;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audit rows, each chained to the previous one by an HMAC keyed outside the database, so that any change or
 * deletion of a stored row is detectable; the chain's head is anchored outside the database too
 * ({@link AuditAnchors}), so that cutting its newest rows is as well. Rows are written in their own transaction: a
 * failure that rolls back the audited work must still leave its trace.
 */
@Service
@EnableConfigurationProperties(AuditSettings.class)
public class AuditLog {

    private static final String COLUMNS =
            "seq, at, tenant_id, actor, action, object_type, object_id, outcome, detail, prev_hash, hash";

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final byte[] key;
    private final @Nullable AuditAnchors anchors;
    private volatile long anchoredSeq;

    AuditLog(JdbcTemplate jdbc, TenantJdbcTransactions tx, AuditSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        if (settings.chainKey() != null && !settings.chainKey().isBlank()) {
            key = Base64.getDecoder().decode(settings.chainKey().strip());
        } else if (settings.chainKeyFile() != null) {
            key = SecretFiles.secretFile(settings.chainKeyFile(), "audit chain key");
        } else {
            throw new IllegalStateException("radrelay.audit.chain-key is not set (RADRELAY_AUDIT_CHAIN_KEY: base64 of "
                    + "32 random bytes, from a secret store)");
        }
        if (key.length < 32) {
            throw new IllegalStateException("radrelay.audit.chain-key must be at least 32 bytes");
        }
        anchors = settings.anchorFile() == null ? null : new AuditAnchors(settings.anchorFile(), key);
        if (anchors == null) {
            log.warn("radrelay.audit.anchor-file is not set: cutting the newest audit rows would not be detected");
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(AuditEvent event) {
        // One writer at a time extends the chain; the lock ends with this short transaction.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('radrelay.audit_log'))", Object.class);
        Optional<Head> last = head();
        long seq = last.map(h -> h.seq() + 1).orElse(1L);
        String previous = last.map(Head::hash).orElse(AuditChain.GENESIS);
        Instant at = AuditChain.storable(Instant.now());
        String hash = AuditChain.hash(key, seq, at, event, previous);
        jdbc.update("insert into audit_log (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?)",
                seq, Timestamp.from(at), event.tenant() == null ? null : event.tenant().value(), event.actor(),
                event.action(), event.objectType(), event.objectId(), event.outcome().name(), event.detail(),
                previous, hash);
        return new AuditRecord(seq, at, event, previous, hash);
    }

    /** A clinic's newest rows, or with no clinic the whole trail's (read as the platform). */
    public List<AuditRecord> recent(@Nullable TenantId tenant, int limit) {
        if (tenant == null) {
            return tx.execute(TenantDirectory.PLATFORM_DATA, () -> jdbc.query(
                    "select " + COLUMNS + " from audit_log order by seq desc limit ?", AuditLog::map, limit));
        }
        return tx.execute(tenant, () -> jdbc.query(
                "select " + COLUMNS + " from audit_log where tenant_id = ? order by seq desc limit ?",
                AuditLog::map, tenant.value(), limit));
    }

    /** A clinic's rows recorded in [from, to), oldest first, read in the clinic's transaction a batch at a time. */
    public void trail(TenantId clinic, Instant from, Instant to, Consumer<AuditRecord> each) {
        tx.execute(clinic, () -> {
            jdbc.query(con -> {
                PreparedStatement ps = con.prepareStatement("select " + COLUMNS + " from audit_log "
                        + "where tenant_id = ? and at >= ? and at < ? order by seq");
                ps.setObject(1, clinic.value());
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
                ps.setFetchSize(1000);
                return ps;
            }, (RowCallbackHandler) rs -> each.accept(map(rs, 0)));
            return null;
        });
    }

    /**
     * Writes the chain's head outside the database, when it moved since the last anchor: every
     * {@code radrelay.audit.anchor-every}, and whenever called.
     */
    @Scheduled(fixedDelayString = "${radrelay.audit.anchor-every:PT1M}")
    public void anchor() {
        if (anchors == null) {
            return;
        }
        Optional<Head> head = head();
        if (head.isPresent() && head.get().seq() != anchoredSeq) {
            anchors.write(head.get().seq(), head.get().hash(), Instant.now().toEpochMilli());
            anchoredSeq = head.get().seq();
        }
    }

    /** The chain's newest row. */
    private record Head(long seq, String hash) {
    }

    private Optional<Head> head() {
        return jdbc.query("select seq, hash from audit_log_head()",
                (rs, i) -> new Head(rs.getLong(1), rs.getString(2))).stream().findFirst();
    }

    /**
     * Walks the whole chain in order and reports the first row that does not hold; then holds the newest anchor
     * against it: a chain that ends before its anchored row has lost its newest rows.
     */
    public ChainVerification verify() {
        return tx.execute(TenantDirectory.PLATFORM_DATA, this::verifyWholeTrail);
    }

    private ChainVerification verifyWholeTrail() {
        Optional<AuditAnchors.Anchor> anchor;
        try {
            anchor = anchors == null ? Optional.empty() : anchors.latest();
        } catch (AuditAnchors.AlteredAnchors e) {
            return new ChainVerification.Broken(0, String.valueOf(e.getMessage()));
        }
        AuditChain.Walk walk = new AuditChain.Walk(key);
        String[] anchoredRow = {null};
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("select " + COLUMNS + " from audit_log order by seq");
            ps.setFetchSize(1000);
            return ps;
        }, (RowCallbackHandler) rs -> {
            AuditRecord r = map(rs, 0);
            walk.accept(r);
            if (anchor.isPresent() && r.seq() == anchor.get().seq()) {
                anchoredRow[0] = r.hash();
            }
        });
        ChainVerification result = walk.result();
        if (result instanceof ChainVerification.Broken || anchor.isEmpty()) {
            return result;
        }
        AuditAnchors.Anchor a = anchor.get();
        if (walk.lastSeq() < a.seq()) {
            return new ChainVerification.Broken(a.seq(), "row " + a.seq() + " was anchored but the chain ends at row "
                    + walk.lastSeq() + ": its newest rows were cut");
        }
        if (!a.hash().equals(anchoredRow[0])) {
            return new ChainVerification.Broken(a.seq(), "row " + a.seq() + " differs from its anchor");
        }
        return result;
    }

    private static AuditRecord map(ResultSet rs, int row) throws SQLException {
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        AuditEvent event = new AuditEvent(tenant == null ? null : new TenantId(tenant), rs.getString("actor"),
                rs.getString("action"), rs.getString("object_type"), rs.getString("object_id"),
                AuditEvent.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"));
        return new AuditRecord(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), event,
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
