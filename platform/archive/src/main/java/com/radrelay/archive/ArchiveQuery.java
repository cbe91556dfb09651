package com.radrelay.archive;

import com.radrelay.archive.index.DicomCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.VR;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The matching engine behind QIDO-RS and C-FIND: keys (a data set, as C-FIND sends and as QIDO parameters are
 * turned into) become SQL over the index; matches come back with their attributes. Runs in the caller's transaction
 * of one tenant, so only that clinic's studies can match.
 */
@Component
class ArchiveQuery {

    private final JdbcTemplate jdbc;

    ArchiveQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Matches ordered by when they were first stored, from {@code offset}, at most {@code limit} (QIDO paging). */
    List<QueryMatch> find(QueryLevel level, Attributes keys, int offset, int limit) {
        return query(level, keys, "offset ? limit ?", List.of(offset, limit), null);
    }

    /** Matches stored after the match {@code afterPk}, at most {@code limit}: pages without rescanning (C-FIND). */
    List<QueryMatch> findAfter(QueryLevel level, Attributes keys, long afterPk, int limit) {
        return query(level, keys, "limit ?", List.of(limit), afterPk);
    }

    /** The index keys of every instance the keys match, oldest first, without reading their attributes. */
    List<Long> instancePks(Attributes keys) {
        Matching.Conditions c = new Matching.Conditions();
        studyConditions(c, keys);
        seriesConditions(c, keys);
        instanceConditions(c, keys);
        return jdbc.queryForList("select i.pk from instances i join series se on se.pk = i.series_pk "
                + "join studies st on st.pk = i.study_pk where " + c.where() + " order by i.pk", Long.class,
                c.params.toArray());
    }

    private List<QueryMatch> query(QueryLevel level, Attributes keys, String page, List<Object> pageParams,
            @Nullable Long afterPk) {
        Matching.Conditions c = new Matching.Conditions();
        studyConditions(c, keys);
        if (level != QueryLevel.STUDY) {
            seriesConditions(c, keys);
        }
        if (level == QueryLevel.IMAGE) {
            instanceConditions(c, keys);
        }
        String pk = switch (level) {
            case STUDY -> "st.pk";
            case SERIES -> "se.pk";
            case IMAGE -> "i.pk";
        };
        if (afterPk != null) {
            c.add(pk + " > ?", afterPk);
        }
        List<Object> params = new ArrayList<>(c.params);
        params.addAll(pageParams);
        // The page is chosen first, so counts and attributes are computed for the rows returned only.
        return switch (level) {
            case STUDY -> jdbc.query("with page as (select st.pk from studies st where " + c.where()
                    + " order by st.pk " + page + ") select st.pk, st.study_uid, st.attrs, st.modalities, "
                    + "(select count(*) from series se where se.study_pk = st.pk) as series_count, "
                    + "(select count(*) from instances i where i.study_pk = st.pk) as instance_count "
                    + "from page join studies st on st.pk = page.pk order by st.pk",
                    ArchiveQuery::study, params.toArray());
            case SERIES -> jdbc.query("with page as (select se.pk from series se join studies st on st.pk = se.study_pk "
                    + "where " + c.where() + " order by se.pk " + page + ") "
                    + "select se.pk, st.study_uid, se.series_uid, st.attrs, se.attrs as series_attrs, "
                    + "(select count(*) from instances i where i.series_pk = se.pk) as instance_count "
                    + "from page join series se on se.pk = page.pk join studies st on st.pk = se.study_pk order by se.pk",
                    ArchiveQuery::series, params.toArray());
            case IMAGE -> jdbc.query("with page as (select i.pk from instances i join series se on se.pk = i.series_pk "
                    + "join studies st on st.pk = i.study_pk where " + c.where() + " order by i.pk " + page + ") "
                    + "select i.pk, st.study_uid, se.series_uid, i.sop_uid, st.attrs, se.attrs as series_attrs, "
                    + "i.metadata from page join instances i on i.pk = page.pk join series se on se.pk = i.series_pk "
                    + "join studies st on st.pk = i.study_pk order by i.pk", ArchiveQuery::instance, params.toArray());
        };
    }

    private static void studyConditions(Matching.Conditions c, Attributes k) {
        if (k.contains(Tag.StudyInstanceUID)) {
            Matching.uids(c, "st.study_uid", k.getStrings(Tag.StudyInstanceUID));
        }
        text(c, k, Tag.PatientID, "st.patient_id", false);
        text(c, k, Tag.IssuerOfPatientID, "st.issuer_of_patient_id", false);
        text(c, k, Tag.PatientName, "st.patient_name_upper", true);
        range(c, k, Tag.PatientBirthDate, "st.patient_birth_date", false);
        text(c, k, Tag.PatientSex, "st.patient_sex", false);
        range(c, k, Tag.StudyDate, "st.study_date", false);
        range(c, k, Tag.StudyTime, "st.study_time", true);
        text(c, k, Tag.AccessionNumber, "st.accession_number", false);
        text(c, k, Tag.StudyID, "st.study_id", false);
        text(c, k, Tag.StudyDescription, "st.study_description", false);
        text(c, k, Tag.ReferringPhysicianName, "st.referring_physician_name", true);
        String[] modalities = k.getStrings(Tag.ModalitiesInStudy);
        if (modalities != null) {
            List<String> wanted = new ArrayList<>();
            for (String m : modalities) {
                if (m != null && !Matching.universal(m.strip())) {
                    wanted.add(m.strip());
                }
            }
            if (!wanted.isEmpty()) {
                c.add("st.modalities && ?::text[]", (Object) wanted.toArray(String[]::new));
            }
        }
    }

    private static void seriesConditions(Matching.Conditions c, Attributes k) {
        if (k.contains(Tag.SeriesInstanceUID)) {
            Matching.uids(c, "se.series_uid", k.getStrings(Tag.SeriesInstanceUID));
        }
        text(c, k, Tag.Modality, "se.modality", false);
        if (k.containsValue(Tag.SeriesNumber)) {
            Matching.integer(c, "se.series_number", k.getString(Tag.SeriesNumber));
        }
        text(c, k, Tag.SeriesDescription, "se.series_description", false);
        text(c, k, Tag.BodyPartExamined, "se.body_part_examined", false);
        range(c, k, Tag.PerformedProcedureStepStartDate, "se.pps_start_date", false);
        range(c, k, Tag.PerformedProcedureStepStartTime, "se.pps_start_time", true);
    }

    private static void instanceConditions(Matching.Conditions c, Attributes k) {
        if (k.contains(Tag.SOPInstanceUID)) {
            Matching.uids(c, "i.sop_uid", k.getStrings(Tag.SOPInstanceUID));
        }
        if (k.contains(Tag.SOPClassUID)) {
            Matching.uids(c, "i.sop_class_uid", k.getStrings(Tag.SOPClassUID));
        }
        if (k.containsValue(Tag.InstanceNumber)) {
            Matching.integer(c, "i.instance_number", k.getString(Tag.InstanceNumber));
        }
    }

    private static void text(Matching.Conditions c, Attributes k, int tag, String column, boolean caseInsensitive) {
        String v = k.getString(tag);
        if (v != null) {
            Matching.text(c, column, v, caseInsensitive);
        }
    }

    private static void range(Matching.Conditions c, Attributes k, int tag, String column, boolean time) {
        String v = k.getString(tag);
        if (v != null) {
            Matching.range(c, column, v, time);
        }
    }

    private static QueryMatch study(ResultSet rs, int row) throws SQLException {
        Attributes a = DicomCodec.decode(rs.getBytes("attrs"));
        String[] modalities = (String[]) rs.getArray("modalities").getArray();
        a.setString(Tag.ModalitiesInStudy, VR.CS, modalities);
        a.setInt(Tag.NumberOfStudyRelatedSeries, VR.IS, rs.getInt("series_count"));
        a.setInt(Tag.NumberOfStudyRelatedInstances, VR.IS, rs.getInt("instance_count"));
        a.setString(Tag.InstanceAvailability, VR.CS, "ONLINE");
        return new QueryMatch(rs.getLong("pk"), a, rs.getString("study_uid"), null, null);
    }

    private static QueryMatch series(ResultSet rs, int row) throws SQLException {
        Attributes a = DicomCodec.decode(rs.getBytes("attrs"));
        a.addAll(DicomCodec.decode(rs.getBytes("series_attrs")));
        a.setInt(Tag.NumberOfSeriesRelatedInstances, VR.IS, rs.getInt("instance_count"));
        a.setString(Tag.InstanceAvailability, VR.CS, "ONLINE");
        return new QueryMatch(rs.getLong("pk"), a, rs.getString("study_uid"), rs.getString("series_uid"), null);
    }

    private static QueryMatch instance(ResultSet rs, int row) throws SQLException {
        Attributes a = DicomCodec.decode(rs.getBytes("attrs"));
        a.addAll(DicomCodec.decode(rs.getBytes("series_attrs")));
        a.addAll(DicomCodec.decode(rs.getBytes("metadata")));
        a.setString(Tag.InstanceAvailability, VR.CS, "ONLINE");
        return new QueryMatch(rs.getLong("pk"), a, rs.getString("study_uid"), rs.getString("series_uid"),
                rs.getString("sop_uid"));
    }
}
