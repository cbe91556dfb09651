package com.radrelay.archive;

import com.radrelay.workflow.StudyUid;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Clinic-facing lists over the index: newest studies first, with counts; runs in the caller's tenant transaction. */
@Component
class StudyListing {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String SUMMARY = """
            select st.study_uid, st.patient_name, st.patient_id, st.patient_birth_date, st.patient_sex, st.study_date,
                   st.study_time, st.accession_number, st.study_description, st.modalities, st.created_at,
                   (select array_agg(distinct se.body_part_examined) filter (where se.body_part_examined is not null)
                      from series se where se.study_pk = st.pk) as body_parts,
                   (select count(*) from series se where se.study_pk = st.pk) as series_count,
                   (select count(*) from instances i where i.study_pk = st.pk) as instance_count
            from studies st""";

    private final JdbcTemplate jdbc;

    StudyListing(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StudySummary> studies(StudyFilter filter, int offset, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.patient() != null && !filter.patient().isBlank()) {
            String p = filter.patient().strip();
            where.add("(st.patient_name_upper like ? escape '\\' or st.patient_id = ? or st.accession_number = ?)");
            params.addAll(List.of(p.toUpperCase(Locale.ROOT).replaceAll("([\\\\%_])", "\\\\$1") + "%", p, p));
        }
        if (filter.modality() != null && !filter.modality().isBlank()) {
            where.add("st.modalities @> array[?]::text[]");
            params.add(filter.modality().strip().toUpperCase(Locale.ROOT));
        }
        if (filter.from() != null) {
            where.add("st.study_date >= ?");
            params.add(DA.format(filter.from()));
        }
        if (filter.to() != null) {
            where.add("st.study_date <= ?");
            params.add(DA.format(filter.to()));
        }
        params.addAll(List.of(offset, limit));
        return jdbc.query(SUMMARY + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by st.pk desc offset ? limit ?", StudyListing::summary, params.toArray());
    }

    Optional<StudySummary> study(StudyUid study) {
        return jdbc.query(SUMMARY + " where st.study_uid = ?", StudyListing::summary, study.value()).stream()
                .findFirst();
    }

    List<StudySummary.Series> series(StudyUid study) {
        return jdbc.query("""
                select se.series_uid, se.modality, se.series_number, se.series_description, se.body_part_examined,
                       (select count(*) from instances i where i.series_pk = se.pk) as instance_count
                from series se join studies st on st.pk = se.study_pk
                where st.study_uid = ? order by se.series_number nulls last, se.pk""",
                (rs, i) -> new StudySummary.Series(rs.getString(1), rs.getString(2),
                        (Integer) rs.getObject(3), rs.getString(4), rs.getString(5), rs.getInt(6)),
                study.value());
    }

    private static StudySummary summary(ResultSet rs, int row) throws SQLException {
        return new StudySummary(rs.getString("study_uid"), rs.getString("patient_name"), rs.getString("patient_id"),
                rs.getString("patient_birth_date"), rs.getString("patient_sex"), rs.getString("study_date"),
                rs.getString("study_time"), rs.getString("accession_number"), rs.getString("study_description"),
                strings(rs.getArray("modalities")), strings(rs.getArray("body_parts")), rs.getInt("series_count"),
                rs.getInt("instance_count"), rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
