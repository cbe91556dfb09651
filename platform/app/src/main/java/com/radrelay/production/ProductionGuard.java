package com.radrelay.production;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With the {@code prod} profile, refuses to start while anything would fall back to laptop mode: a setting without
 * which a default would be used (a password, a key, a local store), an embedded or provisioned service, the demo's
 * data. All problems are named at once, each with the environment variable that sets it.
 */
class ProductionGuard implements EnvironmentPostProcessor, Ordered {

    /** A setting production must be given, and where an operator gives it. */
    private record Required(String property, String source) {
    }

    private static final List<Required> REQUIRED = List.of(
            new Required("spring.datasource.url", "RADRELAY_DB_URL"),
            new Required("spring.datasource.password", "RADRELAY_DB_APP_PASSWORD"),
            new Required("spring.data.redis.host", "RADRELAY_REDIS_HOST"),
            new Required("radrelay.storage.location", "RADRELAY_STORAGE_LOCATION"),
            new Required("radrelay.audit.chain-key", "RADRELAY_AUDIT_CHAIN_KEY"),
            new Required("radrelay.audit.anchor-file", "radrelay.audit.anchor-file"),
            new Required("spring.mail.host", "spring.mail.host"),
            new Required("radrelay.mail.public-url", "radrelay.mail.public-url"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("prod")) {
            return;
        }
        List<String> problems = env.getProperty(Migrate.MIGRATING, Boolean.class, false) ? migrationProblems(env)
                : problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("RadRelay will not start in production (profile prod) until:\n - "
                    + String.join("\n - ", problems));
        }
    }

    static List<String> problems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        for (Required r : REQUIRED) {
            String value = env.getProperty(r.property());
            if (value == null || value.isBlank()) {
                problems.add(r.property() + " is set" + (r.source().equals(r.property()) ? "" : " (" + r.source()
                        + ")"));
            }
        }
        if (env.getProperty("radrelay.storage.master-key", "").isBlank()
                && env.getProperty("radrelay.storage.kms-key-id", "").isBlank()) {
            problems.add("radrelay.storage.kms-key-id (RADRELAY_KMS_KEY_ID) or radrelay.storage.master-key "
                    + "(RADRELAY_MASTER_KEY) is set");
        }
        if (Arrays.asList(env.getActiveProfiles()).contains("demo")) {
            problems.add("the demo profile is off (it creates accounts with a published password)");
        }
        for (String service : List.of("postgres", "redis")) {
            if (!"never".equalsIgnoreCase(env.getProperty("radrelay.embedded." + service, "auto"))) {
                problems.add("radrelay.embedded." + service + " is never (an embedded server is a laptop's)");
            }
        }
        refuse(env, problems, "radrelay.database.provision", "the database and its role come from infrastructure");
        refuse(env, problems, "radrelay.mail.embedded", "mail goes to spring.mail.host");
        refuse(env, problems, "spring.flyway.enabled", "migrations run as `java -jar radrelay.jar migrate`");
        if (env.getProperty("radrelay.storage.master-key-file") != null) {
            problems.add("radrelay.storage.master-key-file is unset (a generated key file is a laptop's)");
        }
        if (!env.getProperty("server.servlet.session.cookie.secure", Boolean.class, false)) {
            problems.add("server.servlet.session.cookie.secure is true (sessions travel over HTTPS only)");
        }
        return problems;
    }

    /** The migration command needs the database and the application's role name (it grants that role its rights). */
    static List<String> migrationProblems(ConfigurableEnvironment env) {
        List<String> problems = new ArrayList<>();
        if (env.getProperty("spring.datasource.url", "").isBlank()) {
            problems.add("spring.datasource.url is set (RADRELAY_DB_URL)");
        }
        if (env.getProperty("spring.datasource.username", "").isBlank()) {
            problems.add("spring.datasource.username is set (the application's role, granted its rights)");
        }
        return problems;
    }

    private static void refuse(ConfigurableEnvironment env, List<String> problems, String flag, String why) {
        if (env.getProperty(flag, Boolean.class, false)) {
            problems.add(flag + " is false (" + why + ")");
        }
    }

    @Override
    public int getOrder() {
        // Before EmbeddedServices, which would otherwise start an embedded server first.
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
