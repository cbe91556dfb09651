package com.radrelay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class TenantIsolationTests {

    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired AuditLog audit;
    @Autowired UserAccounts accounts;

    Tenant clinicA;
    Tenant clinicB;

    @BeforeEach
    void twoClinicsWithTokens() {
        clinicA = Clinics.ruralClinic(directory);
        clinicB = Clinics.ruralClinic(directory);
        CurrentTenant.run(clinicA.id(), () -> tokens.issue("PACS of A"));
        CurrentTenant.run(clinicB.id(), () -> tokens.issue("PACS of B"));
    }

    @Test
    void theApplicationRoleCannotBypassRowLevelSecurity() {
        Map<String, Object> role = jdbc.queryForMap(
                "select rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);
        String owner = jdbc.queryForObject(
                "select tableowner from pg_tables where tablename = 'api_tokens'", String.class);
        assertThat(owner).isNotEqualTo(jdbc.queryForObject("select current_user", String.class));
    }

    @Test
    void aNativeQueryInClinicAsContextSeesOnlyClinicAsRows() {
        List<UUID> seen = CurrentTenant.call(clinicA.id(), () -> tx.execute(s ->
                jdbc.queryForList("select tenant_id from api_tokens", UUID.class)));
        assertThat(seen).isNotEmpty().containsOnly(clinicA.id().value());
    }

    @Test
    void clinicBsRowsAreInvisibleEvenWhenAskedForByTenantId() {
        Long count = CurrentTenant.call(clinicA.id(), () -> tx.execute(s -> jdbc.queryForObject(
                "select count(*) from api_tokens where tenant_id = ?", Long.class, clinicB.id().value())));
        assertThat(count).isZero();
    }

    @Test
    void withoutATenantNoTenantRowIsVisible() {
        Long count = tx.execute(s -> jdbc.queryForObject("select count(*) from api_tokens", Long.class));
        assertThat(count).isZero();
    }

    @Test
    void writingARowForAnotherClinicIsRefusedByTheDatabase() {
        assertThatThrownBy(() -> CurrentTenant.run(clinicA.id(), () -> tx.executeWithoutResult(s -> jdbc.update(
                "insert into api_tokens (id, tenant_id, name, secret_hash, secret_prefix, created_by, created_at)"
                        + " values (?, ?, 'smuggled', ?, 'rr_x', 'test', now())",
                UUID.randomUUID(), clinicB.id().value(), UUID.randomUUID().toString()))))
                .rootCause().hasMessageContaining("new row violates row-level security policy");
    }

    @Test
    void theRepositoryListsOnlyTheCurrentClinicsTokens() {
        assertThat(CurrentTenant.call(clinicA.id(), tokens::list))
                .extracting(t -> t.name()).containsExactly("PACS of A");
        assertThat(CurrentTenant.call(clinicB.id(), tokens::list))
                .extracting(t -> t.name()).containsExactly("PACS of B");
    }

    @Test
    void theTenantSettingDoesNotOutliveItsTransaction() {
        CurrentTenant.run(clinicA.id(), () -> tx.executeWithoutResult(s -> jdbc.queryForList("select 1")));
        String leaked = tx.execute(s -> jdbc.queryForObject(
                "select coalesce(current_setting('app.tenant_id', true), '')", String.class));
        assertThat(leaked).isEmpty();
    }

    @Test
    void aClinicReadsOnlyItsOwnAuditTrailAndOnlyThePlatformReadsItAll() {
        audit.record(new AuditEvent(clinicA.id(), "test", "TEST_EVENT", "test", null, AuditEvent.Outcome.SUCCESS, null));
        audit.record(new AuditEvent(clinicB.id(), "test", "TEST_EVENT", "test", null, AuditEvent.Outcome.SUCCESS, null));
        String clinics = "select distinct tenant_id from audit_log where tenant_id in (?, ?)";
        assertThat(seenBy(clinicA.id(), clinics, clinicA.id().value(), clinicB.id().value()))
                .containsExactly(clinicA.id().value());
        assertThat(seenBy(null, clinics, clinicA.id().value(), clinicB.id().value())).as("without a clinic").isEmpty();
        assertThat(seenBy(TenantDirectory.PLATFORM_DATA, clinics, clinicA.id().value(), clinicB.id().value()))
                .containsExactlyInAnyOrder(clinicA.id().value(), clinicB.id().value());
        assertThat(audit.recent(null, 10)).extracting(r -> r.event().tenant()).contains(clinicA.id(), clinicB.id());
    }

    @Test
    void aClinicCannotWriteAnAuditRowInAnotherClinicsName() {
        assertThatThrownBy(() -> CurrentTenant.run(clinicA.id(), () -> audit.record(new AuditEvent(clinicB.id(),
                "test", "FORGED", "test", null, AuditEvent.Outcome.SUCCESS, null))))
                .rootCause().hasMessageContaining("new row violates row-level security policy");
    }

    @Test
    void aClinicsTransactionSeesItsOwnAndThePlatformsUsersNeverAnotherClinics() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID managerA = accounts.create("manager-a-" + suffix, "Manager A", "a-long-password-1", Role.CLINIC_MANAGER,
                clinicA.id()).id();
        UUID managerB = accounts.create("manager-b-" + suffix, "Manager B", "a-long-password-1", Role.CLINIC_MANAGER,
                clinicB.id()).id();
        UUID reader = accounts.create("reader-" + suffix, "Reader", "a-long-password-1", Role.RADIOLOGIST, null).id();
        assertThat(seenBy(clinicA.id(), "select id from users where id in (?, ?, ?)", managerA, managerB, reader)).containsExactlyInAnyOrder(managerA, reader);
        assertThat(accounts.byId(managerB)).as("sign-in and administration see every account").isPresent();
    }

    /** The ids a query returns in a transaction of {@code clinic} (none: no clinic). */
    private List<UUID> seenBy(@Nullable TenantId clinic, String sql, Object... args) {
        Supplier<List<UUID>> query = () -> tx.execute(s -> jdbc.queryForList(sql, UUID.class, args));
        return clinic == null ? query.get() : CurrentTenant.call(clinic, query);
    }
}
