package com.radrelay.inference;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.AiFindingReviewed;
import com.radrelay.workflow.AiResultReady;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.StudyUid;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The AI results of a clinic's studies: written once per study and model version, read by the pages. */
@Service
public class AiResults {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<AiResult.Measurement>> MEASUREMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AiResults(JdbcTemplate jdbc, TenantTransactions tx, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    /** The results of a study, newest first. */
    public List<AiResult> of(TenantId clinic, StudyUid study) {
        return tx.execute(clinic, () -> jdbc.query("""
                select model, model_version, model_title, vendor, status, images, input_series, measurements,
                       findings, triage, sr_sop_uid, error, attempts, started_at, finished_at
                from ai_results where study_uid = ? order by finished_at desc""", AiResults::row, study.value()));
    }

    /** How a clinic's runs of one model went: how many, how many failed, and the median time a run took. */
    public record Usage(int runs, int failed, double medianSeconds) {
    }

    public Usage usage(TenantId clinic, String model) {
        return tx.execute(clinic, () -> jdbc.queryForObject("""
                select count(*), count(*) filter (where status = 'FAILED'),
                       coalesce(percentile_cont(0.5) within group (
                           order by extract(epoch from finished_at - started_at)), 0)
                from ai_results where model = ?""", (rs, i) -> new Usage(rs.getInt(1), rs.getInt(2), rs.getDouble(3)),
                model));
    }

    /** Whether this model version has already read these {@code images} of the study. */
    boolean done(TenantId clinic, StudyUid study, Recipe recipe, int images) {
        return tx.execute(clinic, () -> !jdbc.queryForList("""
                select 1 from ai_results where study_uid = ? and model = ? and model_version = ?
                    and status = 'DONE' and images = ?""", Integer.class, study.value(), recipe.model(),
                recipe.version(), images).isEmpty());
    }

    /** Keeps the result, replacing an earlier one of the same version, and announces it in the same transaction. */
    void record(TenantId clinic, StudyUid study, AiResult r, Subgroups groups) {
        tx.execute(clinic, () -> {
            jdbc.update("""
                    insert into ai_results (id, tenant_id, study_uid, model, model_version, model_title, vendor,
                        status, images, input_series, measurements, findings, triage, sr_sop_uid, error, attempts,
                        started_at, finished_at, patient_sex, age_band, modality, manufacturer, device_model)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, study_uid, model, model_version) do update set status = excluded.status,
                        images = excluded.images, input_series = excluded.input_series,
                        measurements = excluded.measurements, findings = excluded.findings,
                        triage = excluded.triage, sr_sop_uid = excluded.sr_sop_uid, error = excluded.error,
                        attempts = excluded.attempts, started_at = excluded.started_at,
                        finished_at = excluded.finished_at, patient_sex = excluded.patient_sex,
                        age_band = excluded.age_band, modality = excluded.modality,
                        manufacturer = excluded.manufacturer, device_model = excluded.device_model,
                        agreed = null, reviewed_at = null""",
                    UUID.randomUUID(), clinic.value(), study.value(), r.model(), r.version(), r.title(), r.vendor(),
                    r.failed() ? "FAILED" : "DONE", r.images(), r.inputSeries().toArray(String[]::new),
                    JSON.writeValueAsString(r.measurements()), r.findings().toArray(String[]::new),
                    r.triage() == null ? null : r.triage().name(), r.srSopUid(), r.error(), r.attempts(),
                    Timestamp.from(r.startedAt()), Timestamp.from(r.finishedAt()), groups.sex(), groups.ageBand(),
                    groups.modality(), groups.manufacturer(), groups.deviceModel());
            events.publishEvent(new AiResultReady(clinic, study, r.model(), r.version(), r.failed(), r.triage(),
                    r.summary()));
            return null;
        });
    }

    /** The signing radiologist's word on a result: what the model's real-world agreement is made of. */
    @ApplicationModuleListener
    void on(AiFindingReviewed review) {
        tx.execute(review.tenant(), () -> jdbc.update("""
                update ai_results set agreed = ?, reviewed_at = ?
                where study_uid = ? and model = ? and model_version = ? and status = 'DONE'""", review.agreed(),
                Timestamp.from(clock.instant()), review.study().value(), review.model(), review.version()));
    }

    private static AiResult row(ResultSet rs, int i) throws SQLException {
        String triage = rs.getString(10);
        return new AiResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                "FAILED".equals(rs.getString(5)), rs.getInt(6), strings(rs.getArray(7)),
                JSON.readValue(rs.getString(8), MEASUREMENTS), strings(rs.getArray(9)),
                triage == null ? null : Priority.valueOf(triage), rs.getString(11), rs.getString(12), rs.getInt(13),
                rs.getTimestamp(14).toInstant(), rs.getTimestamp(15).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
