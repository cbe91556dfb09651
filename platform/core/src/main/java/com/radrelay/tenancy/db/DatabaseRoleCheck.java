package com.radrelay.tenancy.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the application's own database role could switch row-level security off: a superuser or a
 * BYPASSRLS role ignores every policy, and a table's owner may disable them. Runs once every bean (Flyway's
 * migration included) is ready and before any door opens.
 */
@Component
class DatabaseRoleCheck implements SmartInitializingSingleton {

    private final JdbcTemplate jdbc;

    DatabaseRoleCheck(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The database role " + jdbc.queryForObject("select current_user",
                    String.class) + " must not be used by the application: it " + String.join(", ", problems)
                    + ". Connect as a role that owns nothing (spring.datasource.username); migrations use the owner's.");
        }
    }

    List<String> problems() {
        Map<String, Object> role = jdbc.queryForMap("""
                select r.rolsuper, r.rolbypassrls,
                       (select count(*) from pg_class c where c.relnamespace = current_schema()::regnamespace
                            and pg_has_role(current_user, c.relowner, 'USAGE')) as owned
                from pg_roles r where r.rolname = current_user""");
        List<String> problems = new ArrayList<>();
        if (Boolean.TRUE.equals(role.get("rolsuper"))) {
            problems.add("is a superuser");
        }
        if (Boolean.TRUE.equals(role.get("rolbypassrls"))) {
            problems.add("has BYPASSRLS");
        }
        long owned = ((Number) role.get("owned")).longValue();
        if (owned > 0) {
            problems.add("owns (or is a member of the owner of) " + owned + " tables, sequences or views");
        }
        return problems;
    }
}
