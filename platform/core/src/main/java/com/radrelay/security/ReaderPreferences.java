package com.radrelay.security;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The radiologists a clinic prefers or excludes; the worklist reads them on each request, so a change counts at once. */
@Service
public class ReaderPreferences {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final AuditLog audit;

    ReaderPreferences(JdbcTemplate jdbc, TenantTransactions tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    public Map<UUID, ReaderPreference> of(TenantId clinic) {
        return tx.execute(clinic, () -> {
            Map<UUID, ReaderPreference> found = new HashMap<>();
            jdbc.query("select radiologist_id, preference from clinic_reader_preferences", rs -> {
                found.put(rs.getObject(1, UUID.class), ReaderPreference.valueOf(rs.getString(2)));
            });
            return found;
        });
    }

    /** Sets, changes or (with {@code null}) clears the clinic's word on one radiologist. */
    public void set(TenantId clinic, UUID radiologist, @Nullable ReaderPreference preference, String actor) {
        tx.execute(clinic, () -> {
            if (preference == null) {
                jdbc.update("delete from clinic_reader_preferences where radiologist_id = ?", radiologist);
            } else {
                jdbc.update("insert into clinic_reader_preferences (tenant_id, radiologist_id, preference, set_by, "
                        + "set_at) values (?, ?, ?, ?, ?) on conflict (tenant_id, radiologist_id) do update set "
                        + "preference = excluded.preference, set_by = excluded.set_by, set_at = excluded.set_at",
                        clinic.value(), radiologist, preference.name(), actor, Timestamp.from(Instant.now()));
            }
            audit.record(new AuditEvent(clinic, actor, "READER_PREFERENCE_SET", "user", radiologist.toString(),
                    AuditEvent.Outcome.SUCCESS, preference == null ? "none" : preference.name()));
            return null;
        });
    }
}
