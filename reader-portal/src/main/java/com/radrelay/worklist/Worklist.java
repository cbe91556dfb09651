package com.radrelay.worklist;

import com.radrelay.archive.StudyArchive;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.archive.StudySummary;
import com.radrelay.security.RadiologistProfile;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.AiResultReady;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.ReadClaimed;
import com.radrelay.workflow.ReadReleased;
import com.radrelay.workflow.ReadRequest;
import com.radrelay.workflow.ReadRequested;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.StudyReceived;
import com.radrelay.workflow.StudyUid;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * The studies waiting for radiologists: a study joins when it is received, each radiologist sees those of the
 * clinics and modalities they are licensed for today, most urgent first, and claims one to read it. A claim is a
 * Redis lease plus a fenced worklist row: two radiologists never hold the same study, and a claim that was lost
 * (its lease expired and another took the study) can no longer complete the reading.
 */
@Service
public class Worklist {

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final TenantDirectory clinics;
    private final UserAccounts accounts;
    private final StudyArchive archive;
    private final ReadRequests requests;
    private final ReadLeases leases;
    private final ApplicationEventPublisher events;
    private final WorklistUpdates updates;
    private final AuditLog audit;
    private final WorklistSettings settings;
    private final Clock clock;
    private final ReaderClinics readerClinics;

    Worklist(JdbcTemplate jdbc, TenantTransactions tx, TenantDirectory clinics, UserAccounts accounts,
            StudyArchive archive, ReadRequests requests, ReadLeases leases, ApplicationEventPublisher events,
            WorklistUpdates updates, AuditLog audit, WorklistSettings settings, Clock clock,
            ReaderClinics readerClinics) {
        this.readerClinics = readerClinics;
        this.updates = updates;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clinics = clinics;
        this.accounts = accounts;
        this.archive = archive;
        this.requests = requests;
        this.leases = leases;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(StudyReceived received) {
        Optional<StudySummary> found = archive.study(received.tenant(), received.study());
        if (found.isEmpty()) {
            return;
        }
        StudySummary s = found.get();
        Priority priority = requests.of(received.tenant(), received.study()).map(ReadRequest::priority)
                .orElseGet(() -> clinics.byId(received.tenant()).map(c -> Priority.valueOf(c.defaultPriority()))
                        .orElse(Priority.ROUTINE));
        Instant now = clock.instant();
        tx.execute(received.tenant(), () -> jdbc.update("""
                insert into worklist_items (tenant_id, study_uid, modalities, body_parts, description, patient_age,
                    patient_sex, instances, priority, received_at, due_at, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_READ')
                on conflict (tenant_id, study_uid) do update set modalities = excluded.modalities,
                    body_parts = excluded.body_parts, description = excluded.description,
                    instances = excluded.instances""",
                received.tenant().value(), s.studyUid(), s.modalities().toArray(String[]::new),
                s.bodyParts().toArray(String[]::new), s.description(), PatientAge.of(s.birthDate(), s.studyDate()),
                s.sex(), s.instances(), priority.name(), Timestamp.from(now),
                Timestamp.from(now.plus(settings.within(priority)))));
        updates.changed();
    }

    @ApplicationModuleListener
    void on(ReadRequested requested) {
        tx.execute(requested.tenant(), () -> jdbc.update("""
                update worklist_items set priority = ?, due_at = received_at + make_interval(secs => ?)
                where study_uid = ? and state <> 'SIGNED'""", requested.priority().name(),
                (double) settings.within(requested.priority()).toSeconds(), requested.study().value()));
        updates.changed();
    }

    @ApplicationModuleListener
    void on(AiResultReady result) {
        note(result);
        raise(result);
    }

    /**
     * Keeps the model's latest word on the study as one line of the row's AI notes. A model can finish before the
     * study's row is written (both follow StudyReceived); the listener then fails and its event is handed back later.
     */
    void note(AiResultReady result) {
        String line = new AiNote(result.model(), result.version(), result.failed(), result.summary()).line();
        int noted = tx.execute(result.tenant(), () -> jdbc.update("""
                update worklist_items set ai_notes = array_append(array(select n from unnest(ai_notes) n
                    where n not like ? || ' %'), ?) where study_uid = ?""", result.model(), line,
                result.study().value()));
        if (noted == 0) {
            throw new IllegalStateException("study " + result.study() + " is not on the worklist yet");
        }
        updates.changed();
    }

    /** A model's triage score may make a study more urgent, never less: answers whether it did. */
    boolean raise(AiResultReady result) {
        Priority triage = result.triage();
        if (triage == null) {
            return false;
        }
        int raised = tx.execute(result.tenant(), () -> jdbc.update("""
                update worklist_items set priority = ?, due_at = least(due_at, received_at + make_interval(secs => ?))
                where study_uid = ? and state = 'AWAITING_READ' and array_position(array['ROUTINE', 'URGENT',
                    'STAT'], priority) < array_position(array['ROUTINE', 'URGENT', 'STAT'], ?)""",
                triage.name(), (double) settings.within(triage).toSeconds(), result.study().value(), triage.name()));
        if (raised == 0) {
            return false;
        }
        audit.record(new AuditEvent(result.tenant(), "ai:" + result.model() + "@" + result.version(),
                "WORKLIST_PRIORITY_RAISED", "study", result.study().value(), AuditEvent.Outcome.SUCCESS,
                "priority=" + triage));
        updates.changed();
        return true;
    }

    /** The studies {@code reader} may read today, and those they hold: most urgent first, then the nearest SLA. */
    public List<WorklistRow> rowsFor(SignedInUser reader) {
        Optional<RadiologistProfile> profile = accounts.profileOf(reader.id());
        if (profile.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock);
        List<WorklistRow> rows = new ArrayList<>();
        Set<TenantId> preferring = new HashSet<>();
        for (ReaderClinics.Open readable : readerClinics.of(reader, profile.get(), today)) {
            Tenant clinic = readable.clinic();
            if (readable.preferred()) {
                preferring.add(clinic.id());
            }
            List<WorklistRow> open = tx.execute(clinic.id(), () -> jdbc.query(WorklistRows.SELECT
                    + " where state = 'AWAITING_READ' or (state = 'IN_READ' and claimed_by = ?)",
                    (rs, i) -> WorklistRows.row(clinic, rs), reader.id()));
            Map<StudyUid, ReadRequest> asked = requests.of(clinic.id(), open.stream().map(WorklistRow::study).toList());
            open.stream().filter(r -> Eligibility.mayRead(profile.get(), clinic.region(), r.modalities(), today))
                    .filter(r -> Eligibility.subspecialtyFits(profile.get(), asked.get(r.study())))
                    .map(r -> r.askedWith(asked.get(r.study()))).forEach(rows::add);
        }
        rows.sort(Comparator.comparing(WorklistRow::priority).reversed()
                .thenComparing(r -> !preferring.contains(r.clinic())).thenComparing(WorklistRow::dueAt));
        return rows;
    }

    /** Claims a study for {@code reader}: refused when another holds it, or when it is not theirs to read. */
    public ClaimResult claim(SignedInUser reader, TenantId clinic, StudyUid study) {
        Optional<WorklistRow> row = offered(reader, clinic, study);
        if (row.isEmpty()) {
            return new ClaimResult.NotOffered();
        }
        // The lease decides who may claim: a row still naming another reader whose lease expired is taken over.
        String token = leases.take(clinic, study, reader.id(), settings.leaseFor());
        if (token == null && reader.id().equals(row.get().claimedBy())) {
            // This reader's own earlier page (a reload, a second tab): the new page takes the claim over.
            leases.breakLease(clinic, study);
            token = leases.take(clinic, study, reader.id(), settings.leaseFor());
        }
        if (token == null) {
            // Held elsewhere (another reader, or this reader's earlier page): the row says by whom.
            return new ClaimResult.HeldByAnother(row.get().claimedName() == null ? "another radiologist"
                    : String.valueOf(row.get().claimedName()));
        }
        Optional<Long> version = tx.execute(clinic, () -> {
            List<Long> claimed = jdbc.queryForList("""
                    update worklist_items set state = 'IN_READ', claimed_by = ?, claimed_name = ?,
                        claim_version = claim_version + 1, claimed_at = now()
                    where study_uid = ? and state in ('AWAITING_READ', 'IN_READ') returning claim_version""",
                    Long.class, reader.id(), reader.displayName(), study.value());
            claimed.forEach(v -> events.publishEvent(new ReadClaimed(clinic, study, reader.id(), v)));
            return claimed.stream().findFirst();
        });
        if (version.isEmpty()) {
            leases.release(new Claim(clinic, study, reader.id(), 0, token));
            return new ClaimResult.NotOffered();
        }
        updates.changed();
        return new ClaimResult.Claimed(new Claim(clinic, study, reader.id(), version.get(), token));
    }

    /** Every study being read now, over all clinics, longest held first: what an administrator may take back. */
    public List<WorklistRow> inRead() {
        List<WorklistRow> rows = new ArrayList<>();
        for (Tenant clinic : clinics.all()) {
            rows.addAll(tx.execute(clinic.id(), () -> jdbc.query(WorklistRows.SELECT + " where state = 'IN_READ'",
                    (rs, i) -> WorklistRows.row(clinic, rs))));
        }
        rows.sort(Comparator.comparing(WorklistRow::dueAt));
        return rows;
    }

    /** Keeps a claim alive while its reading page is open; false once it was lost. */
    public boolean renew(Claim claim) {
        return leases.renew(claim, settings.leaseFor()) && holds(claim);
    }

    /** Whether the claim still fences the study: nobody claimed it since. */
    public boolean holds(Claim claim) {
        return tx.execute(claim.clinic(), () -> jdbc.queryForObject("""
                select count(*) from worklist_items where study_uid = ? and state = 'IN_READ' and claimed_by = ?
                and claim_version = ?""", Integer.class, claim.study().value(), claim.reader(), claim.version()) == 1);
    }

    /** The studies {@code reader} holds now at a clinic (a reader usually holds one). */
    public List<StudyUid> readingAt(UUID reader, TenantId clinic) {
        if (clinics.byId(clinic).filter(Tenant::active).isEmpty()) {
            return List.of();
        }
        return tx.execute(clinic, () -> jdbc.queryForList(
                "select study_uid from worklist_items where state = 'IN_READ' and claimed_by = ?", String.class,
                reader)).stream().map(StudyUid::new).toList();
    }

    /** Gives the study back to the worklist unread (the reader let go, or closed the reading page). */
    public void release(Claim claim) {
        tx.execute(claim.clinic(), () -> {
            int released = jdbc.update("""
                    update worklist_items set state = 'AWAITING_READ', claimed_by = null, claimed_name = null
                    where study_uid = ? and state = 'IN_READ' and claimed_by = ? and claim_version = ?""",
                    claim.study().value(), claim.reader(), claim.version());
            if (released == 1) {
                events.publishEvent(new ReadReleased(claim.clinic(), claim.study(), claim.reader(), claim.version()));
            }
            return released;
        });
        leases.release(claim);
        updates.changed();
    }

    /**
     * An administrator takes a study back from whoever holds it (a reader who fell ill mid-report): it goes back to
     * the worklist for anyone eligible, and the old claim can no longer save or sign.
     */
    public void takeBack(TenantId clinic, StudyUid study, String administrator) {
        leases.breakLease(clinic, study);
        tx.execute(clinic, () -> {
            List<Object[]> taken = jdbc.query("""
                    update worklist_items set state = 'AWAITING_READ', claimed_by = null, claimed_name = null,
                        claim_version = claim_version + 1
                    where study_uid = ? and state = 'IN_READ'
                    returning (select claimed_by from worklist_items w where w.tenant_id = worklist_items.tenant_id
                               and w.study_uid = worklist_items.study_uid), claim_version""",
                    (rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getLong(2)}, study.value());
            taken.forEach(t -> events.publishEvent(new ReadReleased(clinic, study, (UUID) t[0], (long) t[1])));
            audit.record(new AuditEvent(clinic, administrator, "READ_TAKEN_BACK", "study", study.value(),
                    AuditEvent.Outcome.SUCCESS, taken.isEmpty() ? "was not in read" : "from " + taken.getFirst()[0]));
            return taken.size();
        });
        updates.changed();
    }

    /**
     * Marks the reading done, in the caller's transaction of the claim's clinic (the report's signing): false when
     * the claim no longer fences the study, and then nothing may be signed.
     */
    public boolean complete(Claim claim) {
        boolean done = tx.execute(claim.clinic(), () -> jdbc.update("""
                update worklist_items set state = 'SIGNED' where study_uid = ? and state = 'IN_READ'
                and claimed_by = ? and claim_version = ?""", claim.study().value(), claim.reader(),
                claim.version()) == 1);
        if (done) {
            leases.release(claim);
            updates.changed();
        }
        return done;
    }

    /** The worklist row of a study {@code reader} may read (offered, or held by anyone), if there is one. */
    public Optional<WorklistRow> offered(SignedInUser reader, TenantId clinic, StudyUid study) {
        Optional<RadiologistProfile> profile = accounts.profileOf(reader.id());
        Optional<Tenant> tenant = clinics.byId(clinic);
        LocalDate today = LocalDate.now(clock);
        if (profile.isEmpty() || tenant.isEmpty() || !tenant.get().active()
                || readerClinics.excluded(reader, clinic)) {
            return Optional.empty();
        }
        ReadRequest request = requests.of(clinic, study).orElse(null);
        return tx.execute(clinic, () -> jdbc.query(WorklistRows.SELECT + " where study_uid = ? and state <> 'SIGNED'",
                        (rs, i) -> WorklistRows.row(tenant.get(), rs), study.value())).stream()
                .filter(r -> Eligibility.mayRead(profile.get(), tenant.get().region(), r.modalities(), today))
                .filter(r -> Eligibility.subspecialtyFits(profile.get(), request))
                .findFirst().map(r -> r.askedWith(request));
    }
}
