package com.radrelay.ingest.upload;

import com.radrelay.ingest.UploadReport;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The reports of browser uploads, under row-level security: each statement runs as the upload's clinic. */
@Repository
public class UploadRecords {

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;

    UploadRecords(JdbcTemplate jdbc, TenantJdbcTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Claims a completed upload for checking; false when it was claimed before (a repeated last request). */
    boolean begin(TenantId clinic, String id, String uploader, String fileName, long size) {
        return tx.execute(clinic, () -> jdbc.update("""
                insert into browser_uploads (id, tenant_id, owner, file_name, size, state, created_at)
                values (?, ?, ?, ?, ?, 'CHECKING', now()) on conflict (id) do nothing""",
                id, clinic.value(), uploader, fileName, size) == 1);
    }

    void finish(TenantId clinic, String id, List<UploadReport.Entry> entries) {
        tx.execute(clinic, () -> {
            // A check interrupted by a restart is run again from the start.
            jdbc.update("delete from browser_upload_entries where upload_id = ?", id);
            List<Object[]> rows = IntStream.range(0, entries.size()).mapToObj(i -> {
                UploadReport.Entry e = entries.get(i);
                return new Object[] {id, i, clinic.value(), e.name(), e.outcome().name(), e.reason(), e.studyUid()};
            }).toList();
            jdbc.batchUpdate("""
                    insert into browser_upload_entries (upload_id, position, tenant_id, name, outcome, reason, study_uid)
                    values (?, ?, ?, ?, ?, ?, ?)""", rows);
            return jdbc.update("update browser_uploads set state = 'DONE', finished_at = now() where id = ?", id);
        });
    }

    /** Uploads whose check a restart interrupted, with their uploaders. */
    List<Unfinished> unfinished(TenantId clinic) {
        return tx.execute(clinic, () -> jdbc.query(
                "select id, owner, file_name, size from browser_uploads where state = 'CHECKING'",
                (rs, i) -> new Unfinished(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))));
    }

    record Unfinished(String id, String uploader, String fileName, long size) {
    }

    public Optional<UploadReport> report(TenantId clinic, String uploader, String id) {
        return tx.execute(clinic, () -> jdbc.query(
                "select file_name, state from browser_uploads where id = ? and owner = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, id, uploader).stream().findFirst()
                .map(row -> new UploadReport(id, row[0], row[1].equals("DONE"), jdbc.query("""
                        select name, outcome, reason, study_uid from browser_upload_entries
                        where upload_id = ? order by position""",
                        (rs, i) -> new UploadReport.Entry(rs.getString(1),
                                UploadReport.Outcome.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)),
                        id))));
    }
}
