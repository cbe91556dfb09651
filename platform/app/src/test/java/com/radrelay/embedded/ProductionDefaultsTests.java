package com.radrelay.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * application.yml gives the object store and the master key laptop defaults (files under the data folder) in every
 * profile but prod, which must name both (and so refuses to start without them).
 */
class ProductionDefaultsTests {

    /** Reads the configuration, creates no bean of the platform. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Test
    void aLaptopGetsAFolderStoreAndAKeyFile() {
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getEnvironment().getProperty("radrelay.storage.location")).startsWith("file:")
                    .endsWith("/objects");
            assertThat(app.getEnvironment().getProperty("radrelay.storage.master-key-file")).endsWith("/master.key");
            assertThat(app.getEnvironment().getProperty("radrelay.audit.chain-key-file")).endsWith("/audit-chain.key");
            assertThat(app.getEnvironment().getProperty("radrelay.audit.anchor-file")).endsWith("/audit-anchors");
        }
    }

    @Test
    void productionGetsNoDefaultStoreNorKey() {
        try (ConfigurableApplicationContext app = start("prod")) {
            assertThat(app.getEnvironment().getProperty("radrelay.storage.location")).isEmpty();
            assertThat(app.getEnvironment().getProperty("radrelay.storage.master-key")).isEmpty();
            assertThat(app.getEnvironment().getProperty("radrelay.storage.master-key-file")).isNull();
            assertThat(app.getEnvironment().getProperty("radrelay.audit.chain-key")).isEmpty();
            assertThat(app.getEnvironment().getProperty("radrelay.audit.chain-key-file")).isNull();
        }
    }

    private static ConfigurableApplicationContext start(String... profiles) {
        // Local services are not wanted here: the embedded ones would start only if the local ones did not answer.
        return new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE).profiles(profiles)
                .properties("radrelay.embedded.postgres=never", "radrelay.embedded.redis=never").run();
    }
}
