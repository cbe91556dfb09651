package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads PostgreSQL's catalogue after every module's migrations: a table that carries a tenant_id and is not under
 * forced row-level security with a policy fails here, whichever module adds it. Then every table that holds a row of
 * the demo's Lakeside clinic is read in the other demo clinic's transaction: none of those rows may show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class RowLevelSecurityCatalogueIT {

    private static final String TENANT_TABLES = """
            select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
            where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
            order by 1""";

    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired TenantDirectory directory;
    @Autowired Environment environment;

    @Test
    void everyTableWithATenantIdHasForcedRowLevelSecurityAndAPolicy() {
        List<String> tenantTables = jdbc.queryForList(TENANT_TABLES, String.class);
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
                "tenant_keys_due", "tenant_keys_wrapped_by");
        List<String> open = jdbc.queryForList("""
                select p.proname from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.prosecdef
                  and (pg_has_role(current_user, p.proowner, 'USAGE') or has_function_privilege('public', p.oid, 'EXECUTE'))
                order by 1""", String.class);
        assertThat(open).as("security-definer functions the application owns or anyone may call").isEmpty();
    }

    @Test
    void noTableShowsOneClinicsRowsToAnother() {
        UUID lakeside = directory.bySlug("lakeside").orElseThrow().id().value();
        TenantId prairie = directory.bySlug("prairie").orElseThrow().id();
        JdbcTemplate owner = new JdbcTemplate(new DriverManagerDataSource(
                environment.getRequiredProperty("spring.datasource.url"), "postgres", ""));
        List<String> checked = new ArrayList<>();
        for (String table : jdbc.queryForList(TENANT_TABLES, String.class)) {
            String count = "select count(*) from " + table + " where tenant_id = ?";
            Long rows = owner.queryForObject(count, Long.class, lakeside);
            if (rows == null || rows == 0) {
                continue;
            }
            checked.add(table);
            assertThat(countAs(prairie, count, lakeside)).as("Lakeside's rows of " + table + " seen by Prairie")
                    .isZero();
            assertThat(countAs(new TenantId(lakeside), count, lakeside))
                    .as("Lakeside's rows of " + table + " seen by Lakeside").isGreaterThanOrEqualTo(rows);
        }
        assertThat(checked).as("the tables holding Lakeside's demo rows").hasSizeGreaterThanOrEqualTo(10)
                .contains("studies", "instances", "api_tokens", "users", "audit_log");
    }

    private long countAs(TenantId clinic, String sql, Object argument) {
        Long count = CurrentTenant.call(clinic, () -> tx.execute(s -> jdbc.queryForObject(sql, Long.class, argument)));
        return count == null ? -1 : count;
    }
}
