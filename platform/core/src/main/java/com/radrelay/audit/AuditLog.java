package com.radrelay.audit;

import com.radrelay.tenancy.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audit rows, each chained to the previous one by hash, so that any change or deletion of a stored
 * row is detectable. Rows are written in their own transaction: a failure that rolls back the audited work
 * must still leave its trace.
 */
@Service
public class AuditLog {

    private static final String COLUMNS =
            "seq, at, tenant_id, actor, action, object_type, object_id, outcome, detail, prev_hash, hash";

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditRecord record(AuditEvent event) {
        // One writer at a time extends the chain; the lock ends with this short transaction.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('radrelay.audit_log'))", Object.class);
        List<Object[]> last = jdbc.query("select seq, hash from audit_log order by seq desc limit 1",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)});
        long seq = last.isEmpty() ? 1 : (long) last.getFirst()[0] + 1;
        String previous = last.isEmpty() ? AuditChain.GENESIS : (String) last.getFirst()[1];
        Instant at = AuditChain.storable(Instant.now());
        String hash = AuditChain.hash(seq, at, event, previous);
        jdbc.update("insert into audit_log (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?)",
                seq, Timestamp.from(at), event.tenant() == null ? null : event.tenant().value(), event.actor(),
                event.action(), event.objectType(), event.objectId(), event.outcome().name(), event.detail(),
                previous, hash);
        return new AuditRecord(seq, at, event, previous, hash);
    }

    @Transactional(readOnly = true)
    public List<AuditRecord> recent(@Nullable TenantId tenant, int limit) {
        if (tenant == null) {
            return jdbc.query("select " + COLUMNS + " from audit_log order by seq desc limit ?", AuditLog::map, limit);
        }
        return jdbc.query("select " + COLUMNS + " from audit_log where tenant_id = ? order by seq desc limit ?",
                AuditLog::map, tenant.value(), limit);
    }

    /** Walks the whole chain in order and reports the first row that does not hold. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        AuditChain.Walk walk = new AuditChain.Walk();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("select " + COLUMNS + " from audit_log order by seq");
            ps.setFetchSize(1000);
            return ps;
        }, (RowCallbackHandler) rs -> walk.accept(map(rs, 0)));
        return walk.result();
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
