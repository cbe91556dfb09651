package com.radrelay.archive;

import com.radrelay.archive.index.DicomCodec;
import com.radrelay.archive.index.Levels;
import com.radrelay.storage.ObjectKey;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The archive's index in PostgreSQL. Every statement runs inside the caller's transaction of {@code tenant}, so
 * row-level security confines it to that clinic.
 */
@Component
class ArchiveIndex {

    private static final String INSTANCE_COLUMNS = "i.pk, st.study_uid, se.series_uid, i.sop_uid, i.sop_class_uid, "
            + "i.transfer_syntax, i.instance_number, i.object_key, i.object_size, i.number_of_frames, i.pixel_tag, "
            + "i.pixel_vr, i.pixel_offset, i.pixel_length, i.pixel_fragments";
    private static final String INSTANCE_JOIN = " from instances i join series se on se.pk = i.series_pk "
            + "join studies st on st.pk = i.study_pk ";

    private final JdbcTemplate jdbc;

    ArchiveIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Instances of a study (and series, and instance, when given), in the order they were stored. */
    List<StoredInstance> instances(TenantId tenant, StudyUid study, @Nullable SeriesUid series,
            @Nullable SopInstanceUid sop) {
        StringBuilder where = new StringBuilder("st.study_uid = ?");
        List<Object> args = new ArrayList<>(List.of(study.value()));
        if (series != null) {
            where.append(" and se.series_uid = ?");
            args.add(series.value());
        }
        if (sop != null) {
            where.append(" and i.sop_uid = ?");
            args.add(sop.value());
        }
        return jdbc.query("select " + INSTANCE_COLUMNS + INSTANCE_JOIN + "where " + where + " order by se.pk, i.pk",
                (rs, row) -> instance(tenant, rs), args.toArray());
    }

    /** The instances with these index keys, in the order of the keys. */
    List<StoredInstance> instances(TenantId tenant, List<Long> pks) {
        Map<Long, StoredInstance> found = new HashMap<>();
        jdbc.query("select " + INSTANCE_COLUMNS + INSTANCE_JOIN + "where i.pk = any (?)", rs -> {
            StoredInstance i = instance(tenant, rs);
            found.put(i.pk(), i);
        }, (Object) pks.toArray(Long[]::new));
        return pks.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The data sets of instances as stored in the index (everything but pixel data), in their order. */
    List<Attributes> metadata(List<StoredInstance> instances) {
        Map<Long, byte[]> encoded = new HashMap<>();
        jdbc.query("select pk, metadata from instances where pk = any (?)",
                rs -> {
                    encoded.put(rs.getLong(1), rs.getBytes(2));
                }, (Object) instances.stream().map(StoredInstance::pk).toArray(Long[]::new));
        return instances.stream().map(i -> {
            byte[] bytes = encoded.get(i.pk());
            if (bytes == null) {
                throw new IllegalStateException(i + " left the index");
            }
            return DicomCodec.decode(bytes);
        }).toList();
    }

    /**
     * Writes the instance's rows; must run in a transaction of {@code tenant}; one round trip to the database.
     * An instance inserted or replaced is complete only with {@link #markReceived} in the same transaction.
     */
    SaveOutcome save(TenantId tenant, NewInstance n, boolean replace) {
        Attributes ds = n.dataset();
        String name = ds.getString(Tag.PatientName);
        return jdbc.queryForObject("select * from archive_index_instance(?,?, ?,?,?,?,?,?,?,?,?,?,?,?,?, "
                + "?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (rs, i) -> switch (rs.getString(1)) {
                    case "INSERTED" -> new SaveOutcome.Inserted(rs.getLong(3));
                    case "REPLACED" -> new SaveOutcome.Replaced(rs.getString(2), rs.getLong(3));
                    case "KEPT_EXISTING" -> new SaveOutcome.KeptExisting();
                    // The index names the series; the sender knows it already (and the reason must fit 64 characters).
                    default -> new SaveOutcome.Conflict(rs.getString(2).startsWith("series ")
                            ? "series already belongs to another study" : rs.getString(2));
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
    void markReceived(TenantId tenant, long studyPk) {
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

    private static StoredInstance instance(TenantId tenant, ResultSet rs) throws SQLException {
        Array fragments = rs.getArray("pixel_fragments");
        long[] pairs = null;
        if (fragments != null) {
            Long[] boxed = (Long[]) fragments.getArray();
            pairs = new long[boxed.length];
            for (int i = 0; i < boxed.length; i++) {
                pairs[i] = boxed[i];
            }
        }
        return new StoredInstance(rs.getLong("pk"), tenant, new StudyUid(rs.getString("study_uid")),
                new SeriesUid(rs.getString("series_uid")), new SopInstanceUid(rs.getString("sop_uid")),
                rs.getString("sop_class_uid"), rs.getString("transfer_syntax"),
                (Integer) rs.getObject("instance_number"), rs.getInt("number_of_frames"), rs.getLong("object_size"),
                ObjectKey.parse(rs.getString("object_key")), (Integer) rs.getObject("pixel_tag"),
                rs.getString("pixel_vr"), (Long) rs.getObject("pixel_offset"), (Long) rs.getObject("pixel_length"),
                pairs);
    }
}
