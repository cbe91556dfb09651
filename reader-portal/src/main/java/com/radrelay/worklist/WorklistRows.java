package com.radrelay.worklist;

import com.radrelay.tenancy.Tenant;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.StudyUid;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** How a worklist row is read from its table. */
final class WorklistRows {

    static final String SELECT = """
            select study_uid, modalities, body_parts, description, patient_age, patient_sex, instances, priority,
                   received_at, due_at, claimed_by, claimed_name, ai_notes from worklist_items""";

    private WorklistRows() {
    }

    static WorklistRow row(Tenant clinic, ResultSet rs) throws SQLException {
        return new WorklistRow(clinic.id(), clinic.name(), new StudyUid(rs.getString("study_uid")),
                strings(rs.getArray("modalities")), strings(rs.getArray("body_parts")), rs.getString("description"),
                rs.getString("patient_age"), rs.getString("patient_sex"), rs.getInt("instances"),
                Priority.valueOf(rs.getString("priority")), null, rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("due_at").toInstant(), rs.getObject("claimed_by", UUID.class),
                rs.getString("claimed_name"), strings(rs.getArray("ai_notes")).stream().map(AiNote::parse).toList());
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
