package com.radrelay.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration command on a database that infrastructure made (an empty database, the application's role): it
 * applies every module's migrations as the owner and starts nothing else.
 */
class MigrateTests {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "radrelay_migrate_test";

    @BeforeEach
    void anEmptyDatabaseAndTheApplicationsRole() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("drop database if exists " + DATABASE + " with (force)");
            st.execute("create database " + DATABASE);
            st.execute("do $$ begin if not exists (select from pg_roles where rolname = 'radrelay_migrate_app') then "
                    + "create role radrelay_migrate_app login nosuperuser nobypassrls; end if; end $$");
        }
    }

    @Test
    void migrateAppliesEveryModulesMigrationsAsTheOwnerAndGrantsTheApplicationsRole() throws SQLException {
        Migrate.run("--spring.profiles.active=prod", "--spring.datasource.url=" + SERVER + DATABASE,
                "--spring.datasource.username=radrelay_migrate_app", "--spring.flyway.user=postgres",
                "--spring.flyway.password=");
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
                Statement st = c.createStatement()) {
            assertThat(one(st, "select count(*) from flyway_schema_history where not success")).isEqualTo(0);
            assertThat(one(st, "select count(*) from flyway_schema_history where script like '%archive%'"))
                    .isPositive();
            assertThat(one(st, "select count(*) from flyway_schema_history where script like '%marketplace%'"))
                    .isPositive();
            assertThat(one(st, "select count(*) from pg_class where relname = 'studies' and relforcerowsecurity "
                    + "and pg_get_userbyid(relowner) = 'postgres'")).isEqualTo(1);
            assertThat(one(st, "select count(*) from information_schema.role_table_grants "
                    + "where grantee = 'radrelay_migrate_app' and table_name = 'studies'")).isPositive();
        }
    }

    private static long one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
