package com.radrelay.archive.index;

import com.radrelay.tenancy.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The archive's index in PostgreSQL. Every statement runs inside the caller's tenant transaction, so
 * row-level security confines it to that clinic.
 */
@Component
public class ArchiveIndex {

    static final String INSTANCE_COLUMNS = "i.pk, st.study_uid, se.series_uid, i.sop_uid, i.sop_class_uid, "
            + "i.transfer_syntax, i.object_key, i.object_size, i.sha256, i.number_of_frames, i.pixel_tag, i.pixel_vr, "
            + "i.pixel_offset, i.pixel_length, i.pixel_fragments";
    static final String INSTANCE_JOIN = " from instances i join series se on se.pk = i.series_pk "
            + "join studies st on st.pk = i.study_pk ";

    public static final RowMapper<IndexedInstance> INSTANCE = ArchiveIndex::mapInstance;

    private final JdbcTemplate jdbc;

    ArchiveIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Instances of a study (and series, and instance, when given), in the order they were stored. */
    public List<IndexedInstance> instances(String study, @Nullable String series, @Nullable String sop) {
        StringBuilder where = new StringBuilder("st.study_uid = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(study));
        if (series != null) {
            where.append(" and se.series_uid = ?");
            args.add(series);
        }
        if (sop != null) {
            where.append(" and i.sop_uid = ?");
            args.add(sop);
        }
        return jdbc.query("select " + INSTANCE_COLUMNS + INSTANCE_JOIN + "where " + where + " order by se.pk, i.pk",
                INSTANCE, args.toArray());
    }

    /** The data set of an instance as stored in the index: everything but its pixel data. */
    public Attributes metadata(long instancePk) {
        return DicomCodec.decode(jdbc.queryForObject("select metadata from instances where pk = ?", byte[].class,
                instancePk));
    }

    /**
     * Writes the instance's rows; must run in a transaction of {@code tenant}; one round trip to the database.
     * An instance inserted or replaced is complete only with {@link #markReceived} in the same transaction.
     */
    public SaveOutcome save(TenantId tenant, NewInstance n, boolean replace) {
        Attributes ds = n.dataset();
        String name = ds.getString(Tag.PatientName);
        return jdbc.queryForObject("select * from archive_index_instance(?,?, ?,?,?,?,?,?,?,?,?,?,?,?,?, "
                + "?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (rs, i) -> switch (rs.getString(1)) {
                    case "INSERTED" -> new SaveOutcome.Inserted(rs.getLong(3));
                    case "REPLACED" -> new SaveOutcome.Replaced(rs.getString(2), rs.getLong(3));
                    case "KEPT_EXISTING" -> new SaveOutcome.KeptExisting();
                    default -> new SaveOutcome.Conflict(rs.getString(2));
                },
                tenant.value(), replace,
                ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.PatientID), ds.getString(Tag.IssuerOfPatientID),
                name, ds.getString(Tag.PatientBirthDate), ds.getString(Tag.PatientSex), ds.getString(Tag.StudyDate),
                ds.getString(Tag.StudyTime), ds.getString(Tag.AccessionNumber), ds.getString(Tag.StudyID),
                ds.getString(Tag.StudyDescription), ds.getString(Tag.ReferringPhysicianName),
                DicomCodec.encode(Levels.study(ds)),
                ds.getString(Tag.SeriesInstanceUID), ds.getString(Tag.Modality), integer(ds, Tag.SeriesNumber),
                ds.getString(Tag.SeriesDescription), ds.getString(Tag.BodyPartExamined),
                ds.getString(Tag.PerformedProcedureStepStartDate), ds.getString(Tag.PerformedProcedureStepStartTime),
                DicomCodec.encode(Levels.series(ds)),
                ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SOPClassUID), integer(ds, Tag.InstanceNumber),
                n.transferSyntax(), n.objectKey(), n.objectSize(), n.sha256(), frames(ds), n.pixelTag(), n.pixelVr(),
                n.pixelOffset(), n.pixelLength(), n.pixelFragments(), DicomCodec.encode(ds), n.source());
    }

    /**
     * Records that the study received an instance now, which restarts its quiet period and, if its last version
     * was announced, opens a new one. Every instance of a study updates this one row: call it last before commit.
     */
    public void markReceived(TenantId tenant, long studyPk) {
        jdbc.update("insert into study_stability (study_pk, tenant_id, last_received_at, version) "
                + "values (?, ?, now(), 1) on conflict (study_pk) do update set last_received_at = "
                + "excluded.last_received_at, version = case when study_stability.version = "
                + "study_stability.announced_version then study_stability.version + 1 else study_stability.version end",
                studyPk, tenant.value());
    }

    private static int frames(Attributes ds) {
        return Math.max(1, ds.getInt(Tag.NumberOfFrames, 1));
    }

    private static @Nullable Integer integer(Attributes ds, int tag) {
        try {
            return ds.containsValue(tag) ? ds.getInt(tag, 0) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static IndexedInstance mapInstance(ResultSet rs, int row) throws SQLException {
        Array fragments = rs.getArray("pixel_fragments");
        long[] pairs = null;
        if (fragments != null) {
            Long[] boxed = (Long[]) fragments.getArray();
            pairs = new long[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                pairs[i] = boxed[i];
            }
        }
        return new IndexedInstance(rs.getLong("pk"), rs.getString("study_uid"), rs.getString("series_uid"),
                rs.getString("sop_uid"), rs.getString("sop_class_uid"), rs.getString("transfer_syntax"),
                rs.getString("object_key"), rs.getLong("object_size"), rs.getString("sha256"),
                rs.getInt("number_of_frames"), (Integer) rs.getObject("pixel_tag"), rs.getString("pixel_vr"),
                (Long) rs.getObject("pixel_offset"), (Long) rs.getObject("pixel_length"), pairs);
    }
}
