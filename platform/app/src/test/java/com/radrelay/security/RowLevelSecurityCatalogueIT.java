package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reads PostgreSQL's catalogue after every module's migrations: a table that carries a tenant_id and is not under
 * forced row-level security with a policy fails here, whichever module adds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RowLevelSecurityCatalogueIT {

    @Autowired JdbcTemplate jdbc;

    @Test
    void everyTableWithATenantIdHasForcedRowLevelSecurityAndAPolicy() {
        List<String> tenantTables = jdbc.queryForList("""
                select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
                where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                order by 1""", String.class);
        assertThat(tenantTables).as("the migrations ran").contains("studies", "audit_log", "ai_runs");
        List<String> unguarded = jdbc.queryForList("""
                select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
                where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
                  and not (c.relrowsecurity and c.relforcerowsecurity
                           and exists (select 1 from pg_policy p where p.polrelid = c.oid))
                order by 1""", String.class);
        assertThat(unguarded).as("tables with a tenant_id but without forced row-level security and a policy")
                .isEmpty();
    }

    @Test
    void theFunctionsThatReadAcrossClinicsAreTheOwnersAndNotCallableByEveryone() {
        List<String> definers = jdbc.queryForList("""
                select p.proname from pg_proc p where p.pronamespace = current_schema()::regnamespace
                  and p.prosecdef order by 1""", String.class);
        assertThat(definers).contains("audit_log_head", "dicom_ae_title_clinic", "study_stability_due", "ai_runs_claim",
                "tenant_keys_due");
        List<String> open = jdbc.queryForList("""
                select p.proname from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.prosecdef
                  and (pg_has_role(current_user, p.proowner, 'USAGE') or has_function_privilege('public', p.oid, 'EXECUTE'))
                order by 1""", String.class);
        assertThat(open).as("security-definer functions the application owns or anyone may call").isEmpty();
    }
}
