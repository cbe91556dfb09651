package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantTransactions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * The clinic's requests for the reading of its studies, kept where both the clinic's pages and the radiologists'
 * worklist read them. A study without a request is read at routine priority.
 */
@Service
public class ReadRequests {

    static final int MAX_TEXT = 1000;
    private static final RowMapper<ReadRequest> ROW = (rs, i) -> new ReadRequest(new StudyUid(rs.getString(1)),
            Priority.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(7), rs.getString(5),
            rs.getTimestamp(6).toInstant());

    private final JdbcTemplate jdbc;
    private final TenantTransactions tx;
    private final ApplicationEventPublisher events;

    ReadRequests(JdbcTemplate jdbc, TenantTransactions tx, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    /**
     * Sets the priority and clinical question of a study's reading; STAT needs a reason.
     *
     * @throws IllegalArgumentException with a message for the person asking, when the request is incomplete
     */
    public ReadRequest request(TenantId clinic, StudyUid study, Priority priority, @Nullable String reason,
            @Nullable String clinicalQuestion, String requestedBy) {
        return request(clinic, study, priority, reason, clinicalQuestion, null, requestedBy);
    }

    /** As above, asking that only radiologists of {@code subspecialty} read the study. */
    public ReadRequest request(TenantId clinic, StudyUid study, Priority priority, @Nullable String reason,
            @Nullable String clinicalQuestion, @Nullable String subspecialty, String requestedBy) {
        String asked = blankToNull(subspecialty);
        if (asked != null && !Subspecialties.ALL.contains(asked)) {
            throw new IllegalArgumentException("Choose a subspecialty from the list");
        }
        String why = blankToNull(reason);
        String question = blankToNull(clinicalQuestion);
        if (priority == Priority.STAT && why == null) {
            throw new IllegalArgumentException("A STAT request needs a reason the radiologist can read");
        }
        if ((why != null && why.length() > MAX_TEXT) || (question != null && question.length() > MAX_TEXT)) {
            throw new IllegalArgumentException("Keep the reason and the question under " + MAX_TEXT + " characters");
        }
        ReadRequest request = new ReadRequest(study, priority, why, question, asked, requestedBy, Instant.now());
        return tx.execute(clinic, () -> {
            jdbc.update("""
                    insert into read_requests (tenant_id, study_uid, priority, reason, clinical_question, requested_by,
                                               requested_at, subspecialty)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, study_uid) do update set priority = excluded.priority,
                        reason = excluded.reason, clinical_question = excluded.clinical_question,
                        requested_by = excluded.requested_by, requested_at = excluded.requested_at,
                        subspecialty = excluded.subspecialty""",
                    clinic.value(), study.value(), priority.name(), why, question, requestedBy,
                    Timestamp.from(request.requestedAt()), asked);
            events.publishEvent(new ReadRequested(clinic, study, priority, request.requestedAt()));
            return request;
        });
    }

    public Optional<ReadRequest> of(TenantId clinic, StudyUid study) {
        return tx.execute(clinic, () -> jdbc.query(SELECT + " where study_uid = ?", ROW, study.value()).stream()
                .findFirst());
    }

    /** The requests of many studies at once (a page of a list), by study. */
    public Map<StudyUid, ReadRequest> of(TenantId clinic, Collection<StudyUid> studies) {
        if (studies.isEmpty()) {
            return Map.of();
        }
        List<ReadRequest> found = tx.execute(clinic, () -> jdbc.query(SELECT + " where study_uid = any (?)", ROW,
                (Object) studies.stream().map(StudyUid::value).toArray(String[]::new)));
        return found.stream().collect(Collectors.toMap(ReadRequest::study, Function.identity()));
    }

    private static final String SELECT =
            "select study_uid, priority, reason, clinical_question, requested_by, requested_at, subspecialty "
                    + "from read_requests";

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
