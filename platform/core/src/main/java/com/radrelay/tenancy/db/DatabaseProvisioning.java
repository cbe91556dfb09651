package com.radrelay.tenancy.db;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the application database and the application's login role on a local or embedded PostgreSQL.
 * The role is NOSUPERUSER NOBYPASSRLS and owns no table: a superuser or owner would silently bypass
 * row-level security, so the walls between tenants would be gone without any error.
 */
final class DatabaseProvisioning {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioning.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> RECREATED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final String adminUrl;
    private final String adminUser;
    private final String adminPassword;
    private final String database;
    private final String appRole;
    private final String appPassword;
    private final boolean recreate;

    DatabaseProvisioning(String adminUrl, String adminUser, String adminPassword, String appUrl, String appRole,
            String appPassword, boolean recreate) {
        this.adminUrl = adminUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.database = identifier(databaseName(appUrl));
        if (!database.equals(databaseName(adminUrl))) {
            throw new IllegalStateException("migrations (" + adminUrl + ") and the application (" + appUrl
                    + ") must use the same database");
        }
        this.appRole = identifier(appRole);
        this.appPassword = appPassword;
        this.recreate = recreate;
    }

    void run() {
        try (Connection admin = DriverManager.getConnection(maintenanceUrl(), adminUser, adminPassword);
             Statement st = admin.createStatement()) {
            if (recreate && RECREATED_IN_THIS_JVM.add(maintenanceUrl() + "/" + database)) {
                st.execute("drop database if exists " + database + " with (force)");
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                st.execute("create database " + database);
                log.info("Created database {}", database);
            }
            String attributes = " login nosuperuser nobypassrls nocreatedb nocreaterole password '"
                    + appPassword.replace("'", "''") + "'";
            if (exists(admin, "select 1 from pg_roles where rolname = ?", appRole)) {
                st.execute("alter role " + appRole + attributes);
            } else {
                st.execute("create role " + appRole + attributes);
                log.info("Created application role {}", appRole);
            }
            st.execute("grant connect, temporary on database " + database + " to " + appRole);
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision database " + database + " at " + adminUrl, e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String maintenanceUrl() {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : adminUrl.substring(query));
    }

    static String databaseName(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("unsupported database identifier: '" + name + "'");
        }
        return name;
    }
}
