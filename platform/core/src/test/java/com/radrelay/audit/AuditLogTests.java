package com.radrelay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.testing.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class AuditLogTests {

    @Autowired AuditLog audit;
    @Autowired JdbcTemplate jdbc;
    @Value("${spring.flyway.url}") String url;
    @Value("${spring.flyway.user}") String owner;

    @Test
    void eachRowIsChainedToThePreviousOne() {
        AuditRecord first = audit.record(event("first"));
        AuditRecord second = audit.record(event("second"));
        assertThat(second.seq()).isEqualTo(first.seq() + 1);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void theApplicationCannotChangeOrDeleteAuditRows() {
        AuditRecord row = audit.record(event("kept"));
        assertThatThrownBy(() -> jdbc.update("update audit_log set detail = 'changed' where seq = ?", row.seq()))
                .rootCause().hasMessageContaining("permission denied for table audit_log");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where seq = ?", row.seq()))
                .rootCause().hasMessageContaining("permission denied for table audit_log");
    }

    @Test
    void tamperingByADatabaseSuperuserIsDetected() throws Exception {
        AuditRecord row = audit.record(event("original"));
        audit.record(event("after"));
        try (Connection c = DriverManager.getConnection(url, owner, ""); Statement st = c.createStatement()) {
            // The trigger stops even the owner; a superuser can switch it off, which is what the hash chain is for.
            assertThatThrownBy(() -> st.execute("update audit_log set detail = 'x' where seq = " + row.seq()))
                    .hasMessageContaining("append-only");
            st.execute("alter table audit_log disable trigger audit_log_append_only");
            try {
                st.execute("update audit_log set detail = 'rewritten' where seq = " + row.seq());
                assertThat(audit.verify()).isEqualTo(
                        new ChainVerification.Broken(row.seq(), "content does not match its hash"));
            } finally {
                st.execute("update audit_log set detail = 'original' where seq = " + row.seq());
                st.execute("alter table audit_log enable trigger audit_log_append_only");
            }
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void deletingARowIsDetected() throws Exception {
        AuditRecord row = audit.record(event("to be deleted"));
        audit.record(event("after"));
        try (Connection c = DriverManager.getConnection(url, owner, ""); Statement st = c.createStatement()) {
            st.execute("alter table audit_log disable trigger audit_log_append_only");
            st.execute("create temporary table deleted_row as select * from audit_log where seq = " + row.seq());
            try {
                st.execute("delete from audit_log where seq = " + row.seq());
                assertThat(audit.verify()).isEqualTo(
                        new ChainVerification.Broken(row.seq() + 1, "row " + row.seq() + " is missing"));
            } finally {
                st.execute("insert into audit_log select * from deleted_row");
                st.execute("alter table audit_log enable trigger audit_log_append_only");
            }
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void rowsAreKeyedAndARowRewrittenWithoutTheKeyIsDetected() throws Exception {
        audit.record(event("before"));
        AuditRecord row = audit.record(event("true story"));
        assertThat(row.hash()).startsWith(AuditChain.KEYED);
        AuditEvent forged = event("forged story");
        String unkeyed = AuditChain.legacyHash(row.seq(), row.at(), forged, row.previousHash());
        try (Connection c = DriverManager.getConnection(url, owner, ""); Statement st = c.createStatement()) {
            st.execute("alter table audit_log disable trigger audit_log_append_only");
            try {
                st.execute("update audit_log set detail = 'forged story', hash = '" + unkeyed + "' where seq = "
                        + row.seq());
                assertThat(audit.verify()).isEqualTo(
                        new ChainVerification.Broken(row.seq(), "an unkeyed row after keyed ones"));
            } finally {
                st.execute("update audit_log set detail = 'true story', hash = '" + row.hash() + "' where seq = "
                        + row.seq());
                st.execute("alter table audit_log enable trigger audit_log_append_only");
            }
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    @Test
    void cuttingTheNewestRowsAfterAnAnchorIsDetected() throws Exception {
        AuditRecord kept = audit.record(event("kept"));
        AuditRecord cut = audit.record(event("to be cut"));
        audit.anchor();
        try (Connection c = DriverManager.getConnection(url, owner, ""); Statement st = c.createStatement()) {
            st.execute("alter table audit_log disable trigger audit_log_append_only");
            st.execute("create temporary table cut_rows as select * from audit_log where seq > " + kept.seq());
            try {
                st.execute("delete from audit_log where seq > " + kept.seq());
                // The anchor is the head when it was taken: this test's row, or one written just after it.
                assertThat(audit.verify()).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
                    assertThat(b.seq()).isGreaterThanOrEqualTo(cut.seq());
                    assertThat(b.reason()).endsWith("was anchored but the chain ends at row " + kept.seq()
                            + ": its newest rows were cut");
                });
            } finally {
                st.execute("insert into audit_log select * from cut_rows");
                st.execute("alter table audit_log enable trigger audit_log_append_only");
            }
        }
        assertThat(audit.verify()).isInstanceOf(ChainVerification.Intact.class);
    }

    private static AuditEvent event(String detail) {
        return new AuditEvent(null, "test", "TEST", "thing", null, AuditEvent.Outcome.SUCCESS, detail);
    }
}
