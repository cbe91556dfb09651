package com.radrelay.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * application.yml gives every laptop fallback (folder store, key files, embedded services, provisioning) in every
 * profile but prod; prod starts only when each setting is given, and says which are not.
 */
class ProductionDefaultsTests {

    /** Reads the configuration, creates no bean of the platform. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    private static final String[] EVERYTHING = {
        "--spring.datasource.url=jdbc:postgresql://db.internal:5432/radrelay",
        "--spring.datasource.password=from-the-secret-store",
        "--spring.data.redis.host=redis.internal",
        "--radrelay.storage.location=s3://radrelay-prod/objects",
        "--radrelay.storage.master-key=cmFkcmVsYXktdGVzdC1tYXN0ZXIta2V5LTMyYnl0ZXM=",
        "--radrelay.audit.chain-key=cmFkcmVsYXktdGVzdC1hdWRpdC1jaGFpbi1rZXkzMmI=",
        "--radrelay.audit.anchor-file=/mnt/worm/audit-anchors",
        "--spring.mail.host=smtp.internal",
        "--radrelay.mail.public-url=https://radrelay.example"};

    @Test
    void aLaptopGetsAFolderStoreAndAKeyFile() {
        try (ConfigurableApplicationContext app = start(new String[] {"--radrelay.embedded.postgres=never",
                "--radrelay.embedded.redis=never"})) {
            Environment env = app.getEnvironment();
            assertThat(env.getProperty("radrelay.storage.location")).startsWith("file:").endsWith("/objects");
            assertThat(env.getProperty("radrelay.storage.master-key-file")).endsWith("/master.key");
            assertThat(env.getProperty("radrelay.audit.chain-key-file")).endsWith("/audit-chain.key");
            assertThat(env.getProperty("radrelay.audit.anchor-file")).endsWith("/audit-anchors");
            assertThat(env.getProperty("server.servlet.session.cookie.secure")).isNull();
        }
    }

    @Test
    void productionRefusesToStartAndNamesEverySettingItLacks() {
        assertThatThrownBy(() -> start(new String[] {"--spring.profiles.active=prod"}).close())
                .hasMessageStartingWith("RadRelay will not start in production (profile prod) until:")
                .hasMessageContaining("spring.datasource.url is set (RADRELAY_DB_URL)")
                .hasMessageContaining("spring.datasource.password is set (RADRELAY_DB_APP_PASSWORD)")
                .hasMessageContaining("spring.data.redis.host is set (RADRELAY_REDIS_HOST)")
                .hasMessageContaining("radrelay.storage.location is set (RADRELAY_STORAGE_LOCATION)")
                .hasMessageContaining("radrelay.storage.kms-key-id (RADRELAY_KMS_KEY_ID) or "
                        + "radrelay.storage.master-key (RADRELAY_MASTER_KEY) is set")
                .hasMessageContaining("radrelay.audit.chain-key is set (RADRELAY_AUDIT_CHAIN_KEY)")
                .hasMessageContaining("radrelay.audit.anchor-file is set")
                .hasMessageContaining("spring.mail.host is set")
                .hasMessageContaining("radrelay.mail.public-url is set")
                .message().doesNotContain("embedded", "provision", "cookie", "flyway", "master-key-file");
    }

    @Test
    void productionWithEverySettingFallsBackToNothingAndKeepsTheCookieOnHttps() {
        try (ConfigurableApplicationContext app = start(with("--spring.profiles.active=prod"))) {
            Environment env = app.getEnvironment();
            assertThat(env.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
            assertThat(env.getProperty("spring.flyway.enabled")).isEqualTo("false");
            assertThat(env.getProperty("radrelay.database.provision")).isEqualTo("false");
            assertThat(env.getProperty("radrelay.embedded.postgres")).isEqualTo("never");
            assertThat(env.getProperty("radrelay.embedded.redis")).isEqualTo("never");
            assertThat(env.getProperty("radrelay.storage.master-key-file")).isNull();
            assertThat(env.getProperty("radrelay.audit.chain-key-file")).isNull();
            assertThat(env.getProperty("radrelay.mail.embedded")).isNull();
        }
    }

    @Test
    void productionRefusesTheDemoAndEveryFallbackSwitchedBackOn() {
        assertThatThrownBy(() -> start(with("--spring.profiles.active=prod,demo", "--radrelay.embedded.redis=auto",
                "--radrelay.database.provision=true", "--radrelay.mail.embedded=true",
                "--radrelay.storage.master-key-file=/tmp/master.key", "--spring.flyway.enabled=true",
                "--server.servlet.session.cookie.secure=false")).close())
                .message().contains("the demo profile is off", "radrelay.embedded.redis is never",
                        "radrelay.database.provision is false", "radrelay.mail.embedded is false",
                        "radrelay.storage.master-key-file is unset", "spring.flyway.enabled is false",
                        "server.servlet.session.cookie.secure is true")
                .doesNotContain("RADRELAY_DB_URL");
    }

    private static String[] with(String... more) {
        return Stream.concat(Stream.of(EVERYTHING), Stream.of(more)).toArray(String[]::new);
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE).run(args);
    }
}
