package com.radrelay.archive;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.StudyReceived;
import com.radrelay.workflow.StudyUid;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Announces a study as received once no instance has arrived for {@code stableAfter}, and again (as a new
 * version) whenever more instances arrive later. Each version is announced once, across all nodes: the claim
 * and the event publication commit together, and the event goes through Spring Modulith's publication
 * registry, so it survives a crash and reaches every listener.
 */
@Component
class StudyStability {

    private static final Logger log = LoggerFactory.getLogger(StudyStability.class);

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final ApplicationEventPublisher events;
    private final ArchiveSettings settings;

    StudyStability(JdbcTemplate jdbc, TenantTransactions tx,
            ApplicationEventPublisher events, ArchiveSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        this.settings = settings;
    }

    void announceStableStudies() {
        Timestamp quietSince = Timestamp.from(Instant.now().minus(settings.stableAfter()));
        // Across clinics, through the one function that hands out a due study's key and clinic only.
        List<Object[]> due = jdbc.query("select study_pk, tenant_id from study_stability_due(?, 100)",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2, UUID.class)}, quietSince);
        for (Object[] study : due) {
            TenantId tenant = new TenantId((UUID) study[1]);
            try {
                // The claim and the event's publication (Spring Modulith's registry, which needs a JPA transaction)
                // commit together.
                tx.execute(tenant, () -> announce(tenant, (long) study[0], quietSince));
            } catch (RuntimeException e) {
                log.warn("Announcing study {} of {} failed; retrying on the next round", study[0], tenant, e);
            }
        }
    }

    private boolean announce(TenantId tenant, long studyPk, Timestamp quietSince) {
        // The row lock makes exactly one node announce this version; a node that lost the race skips it.
        List<Integer> claimed = jdbc.queryForList("update study_stability set announced_version = version "
                + "where study_pk = ? and version > announced_version and last_received_at < ? "
                + "returning version", Integer.class, studyPk, quietSince);
        if (claimed.isEmpty()) {
            return false;
        }
        List<StudyReceived> event = jdbc.query("select st.study_uid, st.modalities, "
                + "(select count(*) from series se where se.study_pk = st.pk) as series, "
                + "(select count(*) from instances i where i.study_pk = st.pk) as instances "
                + "from studies st where st.pk = ?", (rs, i) -> new StudyReceived(tenant, new StudyUid(rs.getString(1)),
                claimed.getFirst(), rs.getInt(3), rs.getInt(4), modalities(rs.getArray(2))), studyPk);
        event.forEach(events::publishEvent);
        return true;
    }

    private static Set<String> modalities(java.sql.Array array) throws java.sql.SQLException {
        return new TreeSet<>(List.of((String[]) array.getArray()));
    }
}
