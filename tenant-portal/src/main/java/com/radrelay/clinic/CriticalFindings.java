package com.radrelay.clinic;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.workflow.ReportSigned;
import com.radrelay.workflow.StudyUid;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Critical findings reach the clinic at once: every open page of the clinic hears of them, its people are e-mailed,
 * each must be acknowledged by a person of the clinic, and one left unacknowledged past the set time is escalated to
 * the clinic's managers (audited, flagged on their pages, e-mailed).
 */
@Service
@EnableScheduling
@EnableConfigurationProperties(ClinicSettings.class)
public class CriticalFindings implements SchedulingConfigurer {

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final TenantDirectory clinics;
    private final StudyUpdates updates;
    private final AuditLog audit;
    private final ClinicSettings settings;
    private final Clock clock;
    private final CriticalFindingMail mail;

    CriticalFindings(JdbcTemplate jdbc, TenantJdbcTransactions tx, TenantDirectory clinics, StudyUpdates updates,
            AuditLog audit, ClinicSettings settings, Clock clock, CriticalFindingMail mail) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clinics = clinics;
        this.updates = updates;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(ReportSigned signed) {
        if (!signed.critical()) {
            return;
        }
        int raised = tx.execute(signed.tenant(), () -> jdbc.update("""
                insert into clinic_critical_findings (report_id, tenant_id, study_uid, raised_at) values (?, ?, ?, ?)
                on conflict (report_id) do nothing""", signed.report(), signed.tenant().value(),
                signed.study().value(), Timestamp.from(clock.instant())));
        if (raised == 1) {
            updates.publish(signed.tenant(), signed.study());
        }
        clinics.byId(signed.tenant()).ifPresent(this::mailUnnotified);
    }

    /** E-mails the clinic's people about findings not mailed yet; a refused message is tried again next time. */
    private void mailUnnotified(Tenant clinic) {
        List<UUID> unmailed = tx.execute(clinic.id(), () -> jdbc.queryForList(
                "select report_id from clinic_critical_findings where notified_at is null", UUID.class));
        for (UUID report : unmailed) {
            // Taken before sending, so that two listeners or nodes never mail the same finding twice.
            boolean taken = tx.execute(clinic.id(), () -> jdbc.update("update clinic_critical_findings "
                    + "set notified_at = ? where report_id = ? and notified_at is null",
                    Timestamp.from(clock.instant()), report) == 1);
            if (taken && !mail.raised(clinic)) {
                tx.execute(clinic.id(), () -> jdbc.update(
                        "update clinic_critical_findings set notified_at = null where report_id = ?", report));
            }
        }
    }

    /** The clinic's critical findings not yet acknowledged, oldest first. */
    public List<CriticalFinding> open(TenantId clinic) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + " where acknowledged_at is null order by raised_at",
                CriticalFindings::finding));
    }

    public List<CriticalFinding> of(TenantId clinic, StudyUid study) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + " where study_uid = ? order by raised_at",
                CriticalFindings::finding, study.value()));
    }

    /** Records that {@code person} of the clinic has read the finding; false when it was acknowledged before. */
    public boolean acknowledge(TenantId clinic, UUID report, String person) {
        boolean done = tx.execute(clinic, () -> jdbc.update("""
                update clinic_critical_findings set acknowledged_by = ?, acknowledged_at = ?
                where report_id = ? and acknowledged_at is null""", person, Timestamp.from(clock.instant()),
                report) == 1);
        if (done) {
            audit.record(new AuditEvent(clinic, person, "CRITICAL_FINDING_ACKNOWLEDGED", "report", report.toString(),
                    AuditEvent.Outcome.SUCCESS, null));
            studyOf(clinic, report).ifPresent(study -> updates.publish(clinic, study));
        }
        return done;
    }

    /** Escalates, once each, the findings left unacknowledged past the set time; mails what is still unmailed. */
    void escalateOverdue() {
        Timestamp due = Timestamp.from(clock.instant().minus(settings.acknowledgeCriticalWithin()));
        for (Tenant clinic : clinics.all()) {
            mailUnnotified(clinic);
            List<Object[]> escalated = tx.execute(clinic.id(), () -> jdbc.query("""
                    update clinic_critical_findings set escalated_at = now()
                    where acknowledged_at is null and escalated_at is null and raised_at < ?
                    returning report_id, study_uid""", (rs, i) -> new Object[] {rs.getObject(1, UUID.class),
                    new StudyUid(rs.getString(2))}, due));
            for (Object[] e : escalated) {
                audit.record(new AuditEvent(clinic.id(), "system", "CRITICAL_FINDING_ESCALATED", "report",
                        e[0].toString(), AuditEvent.Outcome.FAILURE, "not acknowledged within "
                                + settings.acknowledgeCriticalWithin()));
                updates.publish(clinic.id(), (StudyUid) e[1]);
                mail.escalated(clinic, settings.acknowledgeCriticalWithin());
            }
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::escalateOverdue, settings.escalationCheckEvery());
    }

    private Optional<StudyUid> studyOf(TenantId clinic, UUID report) {
        return tx.execute(clinic, () -> jdbc.queryForList(
                "select study_uid from clinic_critical_findings where report_id = ?", String.class, report))
                .stream().findFirst().map(StudyUid::new);
    }

    private static final String SELECT = """
            select report_id, study_uid, raised_at, acknowledged_by, acknowledged_at, escalated_at
            from clinic_critical_findings""";

    private static CriticalFinding finding(ResultSet rs, int row) throws SQLException {
        return new CriticalFinding(rs.getObject(1, UUID.class), new StudyUid(rs.getString(2)),
                rs.getTimestamp(3).toInstant(), rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
