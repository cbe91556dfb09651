package com.radrelay.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A version that fails too often or runs too long in the field is told to the administrators (and its vendor)
 * once a day; one within bounds is not.
 */
@IntegrationTest
class OperationAlertsTests {

    @Autowired OperationAlerts alerts;
    @Autowired TenantDirectory directory;
    @Autowired TenantJdbcTransactions tx;
    @Autowired JdbcTemplate jdbc;
    @Autowired UserAccounts accounts;
    @Autowired EmbeddedMailbox mailbox;

    @Test
    void aFailingSlowVersionIsAlertedOnceAndAHealthyOneNot() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String admin = "ops-admin-" + suffix + "@example.org";
        accounts.create("ops-admin-" + suffix, new EmailAddress(admin), "Ops Admin", "a-long-password-1",
                Role.PLATFORM_ADMIN, null);
        Tenant clinic = Clinics.ruralClinic(directory);
        String troubled = "troubled-" + suffix;
        String healthy = "healthy-" + suffix;
        for (int i = 0; i < 10; i++) {
            // Three of ten fail, and the slowest takes two minutes.
            run(clinic, troubled, i < 3 ? "FAILED" : "DONE", i == 9 ? 120 : 2);
            run(clinic, healthy, i < 1 ? "FAILED" : "DONE", 2);
        }

        alerts.check();
        // Mail is handed to the SMTP server before check() returns.
        List<String> subjects = mailbox.to(admin).stream().map(CapturedMail::subject).toList();
        assertThat(subjects).containsExactlyInAnyOrder("RadRelay: " + troubled + " 1 failed 30 % of its runs",
                "RadRelay: " + troubled + " 1 takes 66.9 s per study");

        alerts.check();
        assertThat(mailbox.to(admin)).as("once a day").hasSize(2);
    }

    private void run(Tenant clinic, String model, String status, int seconds) {
        Instant finished = Instant.now();
        tx.execute(clinic.id(), () -> jdbc.update("""
                insert into ai_results (id, tenant_id, study_uid, model, model_version, model_title, vendor, status,
                    images, input_series, measurements, findings, attempts, started_at, finished_at)
                values (?, ?, ?, ?, '1', 'Test model', 'Test vendor', ?, 1, '{}', '', '{}', 1, ?, ?)""",
                UUID.randomUUID(), clinic.id().value(), "2.25." + System.nanoTime(), model, status,
                Timestamp.from(finished.minusSeconds(seconds)), Timestamp.from(finished)));
    }
}
