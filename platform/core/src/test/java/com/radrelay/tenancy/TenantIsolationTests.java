package com.radrelay.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.security.ApiTokens;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
}
