package com.radrelay.inference;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.StudyUid;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The durable queue of model runs: enqueued by routing, taken one at a time by the workers, under a lease. */
@Component
class AiRuns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A run taken from the queue: which study, which recipe, and the how-many-th attempt this is. */
    record Run(long id, TenantId tenant, StudyUid study, Recipe recipe, int attempt) {
    }

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final Clock clock;

    AiRuns(JdbcTemplate jdbc, TenantTransactions tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Queues the run unless the same model version is already queued for the study. */
    void enqueue(TenantId clinic, StudyUid study, Recipe recipe, Priority priority) {
        Timestamp now = Timestamp.from(clock.instant());
        tx.execute(clinic, () -> jdbc.update("""
                insert into ai_runs (tenant_id, study_uid, model, model_version, recipe, queued_at, not_before,
                    priority)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (tenant_id, study_uid, model, model_version) do nothing""",
                clinic.value(), study.value(), recipe.model(), recipe.version(), JSON.writeValueAsString(recipe), now,
                now, priority.ordinal()));
    }

    /** The next due run of any clinic (the highest priority, then the oldest), leased to the caller; empty when none. */
    Optional<Run> claim(Duration lease) {
        record Claimed(long id, TenantId clinic, int attempt) {
        }
        return jdbc.query("select id, tenant_id, attempts from ai_runs_claim(?)",
                (rs, i) -> new Claimed(rs.getLong(1), new TenantId(rs.getObject(2, UUID.class)), rs.getInt(3)),
                (int) lease.toSeconds()).stream().findFirst().map(c -> read(c.clinic(), c.id(), c.attempt()));
    }

    private Run read(TenantId clinic, long id, int attempt) {
        return tx.execute(clinic, () -> jdbc.queryForObject("select study_uid, recipe from ai_runs where id = ?",
                (rs, i) -> new Run(id, clinic, new StudyUid(rs.getString(1)),
                        JSON.readValue(rs.getString(2), Recipe.class), attempt), id));
    }

    void finished(Run run) {
        tx.execute(run.tenant(), () -> jdbc.update("delete from ai_runs where id = ?", run.id()));
    }

    void retryAfter(Run run, Duration wait, String error) {
        tx.execute(run.tenant(), () -> jdbc.update("""
                update ai_runs set not_before = ?, leased_until = null, last_error = ? where id = ?""",
                Timestamp.from(clock.instant().plus(wait)), error, run.id()));
    }
}
