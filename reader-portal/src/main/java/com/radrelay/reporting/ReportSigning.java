package com.radrelay.reporting;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.workflow.AiFindingReviewed;
import com.radrelay.workflow.ReportSigned;
import com.radrelay.workflow.StudyUid;
import com.radrelay.worklist.Claim;
import com.radrelay.worklist.Worklist;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts and signs reports. Only the radiologist holding the study's claim writes its draft; signing asks for
 * their password again, completes the reading under the claim's fence and stores the signed version, which never
 * changes afterwards, in one transaction; then {@link ReportSigned} goes out.
 */
@Service
public class ReportSigning {

    static final int MAX_TEXT = 20_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final Worklist worklist;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final SecondFactors secondFactors;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    ReportSigning(JdbcTemplate jdbc, TenantTransactions tx, Worklist worklist, UserAccounts accounts,
            PasswordEncoder passwords, SecondFactors secondFactors, ApplicationEventPublisher events, AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.secondFactors = secondFactors;
        this.tx = tx;
        this.worklist = worklist;
        this.accounts = accounts;
        this.passwords = passwords;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The reader's draft of the claimed study, started from {@code template} the first time. */
    public Report draft(Claim claim, SignedInUser reader, ReportTemplates.Template template) {
        return tx.execute(claim.clinic(), () -> {
            jdbc.update("""
                    insert into reports (id, tenant_id, study_uid, author_id, author_name, template, findings,
                        impression, critical, state, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, '', false, 'DRAFT', now())
                    on conflict (tenant_id, study_uid, author_id) where state = 'DRAFT' do nothing""",
                    UUID.randomUUID(), claim.clinic().value(), claim.study().value(), reader.id(),
                    reader.displayName(), template.name(), template.findings());
            return jdbc.query(SELECT + " where study_uid = ? and author_id = ? and state = 'DRAFT'",
                    (rs, i) -> report(claim.clinic(), rs), claim.study().value(), reader.id()).getFirst();
        });
    }

    /**
     * Keeps the draft's text and field choices ({@code field code -> choice code}); false when the claim was lost
     * (then nothing is kept).
     */
    public boolean save(Claim claim, UUID draft, String findings, String impression, boolean critical,
            Map<String, String> choices) {
        return tx.execute(claim.clinic(), () -> {
            if (!worklist.holds(claim)) {
                return false;
            }
            String fields = JSON.writeValueAsString(templateOf(draft).map(t -> t.chosen(choices)).orElse(List.of()));
            return jdbc.update("""
                    update reports set findings = ?, impression = ?, critical = ?, fields = ?::jsonb,
                        updated_at = now()
                    where id = ? and author_id = ? and state = 'DRAFT'""",
                    cap(findings), cap(impression), critical, fields, draft, claim.reader()) == 1;
        });
    }

    /** Signs the draft with the text given, after checking the reader's password and second factor again. */
    public SignResult sign(Claim claim, SignedInUser reader, String password, String secondFactor, UUID draft,
            String findings, String impression, boolean critical) {
        return sign(claim, reader, password, secondFactor, draft, findings, impression, critical, Map.of(),
                List.of());
    }

    /**
     * As {@link #sign(Claim, SignedInUser, String, String, UUID, String, String, boolean)}, with the structured fields'
     * choices ({@code field code -> choice code}; the template's required ones must be there) and the reader's word
     * on the AI.
     */
    public SignResult sign(Claim claim, SignedInUser reader, String password, String secondFactor, UUID draft,
            String findings, String impression, boolean critical, Map<String, String> choices,
            List<AiVerdict> verdicts) {
        // What the report lacks is said first: a one-time code is not spent on a report that cannot be signed yet.
        if (impression.isBlank()) {
            return new SignResult.Incomplete("Write an impression: it is what the clinic reads first");
        }
        if (findings.length() > MAX_TEXT || impression.length() > MAX_TEXT) {
            return new SignResult.Incomplete("Keep findings and impression under " + MAX_TEXT + " characters each");
        }
        Optional<ReportTemplates.Template> template = tx.execute(claim.clinic(), () -> templateOf(draft));
        List<String> missing = template.map(t -> t.missing(choices)).orElse(List.of());
        if (!missing.isEmpty()) {
            return new SignResult.Incomplete("Choose " + String.join(" and ", missing) + " before signing");
        }
        SignedInUser current = reauthenticated(reader, password, secondFactor, claim.clinic(), claim.study(),
                u -> u.id().equals(claim.reader()), "sign-off");
        if (current == null) {
            return new SignResult.NeedsReauthentication();
        }
        List<ReportField> fields = template.map(t -> t.chosen(choices)).orElse(List.of());
        String fieldsJson = JSON.writeValueAsString(fields);
        Instant at = clock.instant();
        return tx.execute(claim.clinic(), () -> {
            if (!worklist.complete(claim)) {
                return new SignResult.ClaimLost();
            }
            String digest = sha256(claim.study().value() + "\n" + current.id() + "\n" + findings.strip() + "\n"
                    + impression.strip() + "\n" + fieldsJson + "\n" + critical + "\n" + at);
            int signed = jdbc.update("""
                    update reports set findings = ?, impression = ?, fields = ?::jsonb, critical = ?,
                        state = 'SIGNED', signed_at = ?, content_sha256 = ?, updated_at = now()
                    where id = ? and author_id = ? and state = 'DRAFT'""", findings.strip(), impression.strip(),
                    fieldsJson, critical, Timestamp.from(at), digest, draft, current.id());
            if (signed != 1) {
                throw new IllegalStateException("draft " + draft + " of " + current.username() + " is gone");
            }
            for (AiVerdict v : verdicts) {
                events.publishEvent(new AiFindingReviewed(claim.clinic(), claim.study(), v.model(), v.version(),
                        v.agreed(), current.id()));
            }
            return announce(claim.clinic(), claim.study(), draft, current, critical, "REPORT_SIGNED",
                    "sha256=" + digest);
        });
    }

    /**
     * Signs an addendum to the latest signed report of a study that {@code reader} signed before (after checking
     * their password and second factor again): the signed report itself never changes.
     */
    public SignResult addendum(SignedInUser reader, String password, String secondFactor, TenantId clinic,
            StudyUid study, String text, boolean critical) {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            return new SignResult.Incomplete("Write the addendum (at most " + MAX_TEXT + " characters)");
        }
        SignedInUser current = reauthenticated(reader, password, secondFactor, clinic, study, u -> true,
                "addendum sign-off");
        if (current == null) {
            return new SignResult.NeedsReauthentication();
        }
        List<Report> signed = signedOf(clinic, study);
        if (signed.stream().noneMatch(r -> r.authorId().equals(current.id()))) {
            return new SignResult.Incomplete("Only a radiologist who signed a report of this study adds to it");
        }
        Instant at = clock.instant();
        UUID id = UUID.randomUUID();
        UUID amends = signed.getLast().id();
        String digest = sha256(study.value() + "\n" + current.id() + "\naddendum to " + amends + "\n" + text.strip()
                + "\n" + critical + "\n" + at);
        return tx.execute(clinic, () -> {
            jdbc.update("""
                    insert into reports (id, tenant_id, study_uid, author_id, author_name, template, findings,
                        impression, critical, state, signed_at, content_sha256, updated_at, amends)
                    values (?, ?, ?, ?, ?, 'Addendum', '', ?, ?, 'SIGNED', ?, ?, now(), ?)""", id, clinic.value(),
                    study.value(), current.id(), current.displayName(), text.strip(), critical, Timestamp.from(at),
                    digest, amends);
            return announce(clinic, study, id, current, critical, "REPORT_ADDENDUM_SIGNED",
                    "amends=" + amends + " sha256=" + digest);
        });
    }

    /**
     * The reader as stored now, when {@code password} is theirs, {@code secondFactor} a good code of theirs (a
     * radiologist always has one) and {@code mayAct} allows them; else {@code null}, and the refusal is audited.
     */
    private @Nullable SignedInUser reauthenticated(SignedInUser reader, String password, String secondFactor,
            TenantId clinic, StudyUid study, Predicate<SignedInUser> mayAct, String when) {
        SignedInUser current = accounts.loadUserByUsername(reader.username());
        String refusal = null;
        if (!mayAct.test(current) || !passwords.matches(password, current.getPassword())) {
            refusal = "wrong password at " + when;
        } else if ((SecondFactors.required(current.role()) || secondFactors.enrolled(current.id()))
                && secondFactors.verify(current.id(), current.username(), secondFactor)
                        instanceof SecondFactors.Check.Refused r) {
            refusal = "second factor refused at " + when + ": " + r.reason();
        }
        if (refusal == null) {
            return current;
        }
        audit.record(new AuditEvent(clinic, reader.username(), "REPORT_SIGN_REAUTH", "study", study.value(),
                AuditEvent.Outcome.DENIED, refusal));
        return null;
    }

    /** The signed report, once stored in this transaction: its event goes out and the signing is audited. */
    private SignResult announce(TenantId clinic, StudyUid study, UUID id, SignedInUser author, boolean critical,
            String action, String detail) {
        Report report = byId(clinic, id).orElseThrow();
        events.publishEvent(new ReportSigned(clinic, study, id, author.id(), critical));
        audit.record(new AuditEvent(clinic, author.username(), action, "report", id.toString(),
                AuditEvent.Outcome.SUCCESS, detail));
        return new SignResult.Signed(report);
    }

    /** The reports (not addenda) {@code reader} signed at a clinic, newest first. */
    public List<Report> signedBy(UUID reader, TenantId clinic, int limit) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + """
                 where author_id = ? and state = 'SIGNED' and amends is null order by signed_at desc limit ?""",
                (rs, i) -> report(clinic, rs), reader, limit));
    }

    /** The signed reports of a study, oldest first. */
    public List<Report> signedOf(TenantId clinic, StudyUid study) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + " where study_uid = ? and state = 'SIGNED' order by signed_at",
                (rs, i) -> report(clinic, rs), study.value()));
    }

    public Optional<Report> byId(TenantId clinic, UUID id) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + " where id = ?", (rs, i) -> report(clinic, rs), id)
                .stream().findFirst());
    }

    /** The template the draft was started from (a transaction of the draft's clinic is open). */
    private Optional<ReportTemplates.Template> templateOf(UUID draft) {
        return jdbc.queryForList("select template from reports where id = ?", String.class, draft).stream()
                .findFirst().flatMap(ReportTemplates::named);
    }

    private static final String SELECT = """
            select id, study_uid, author_id, author_name, template, findings, impression, fields, critical, state,
                   signed_at, content_sha256, amends from reports""";

    private static Report report(TenantId clinic, ResultSet rs) throws SQLException {
        Timestamp signedAt = rs.getTimestamp("signed_at");
        return new Report(rs.getObject("id", UUID.class), clinic, new StudyUid(rs.getString("study_uid")),
                rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getString("template"),
                rs.getString("findings"), rs.getString("impression"),
                List.of(JSON.readValue(rs.getString("fields"), ReportField[].class)), rs.getBoolean("critical"),
                rs.getString("state").equals("SIGNED"), signedAt == null ? null : signedAt.toInstant(),
                rs.getString("content_sha256"), rs.getObject("amends", UUID.class));
    }

    private static String cap(String text) {
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
