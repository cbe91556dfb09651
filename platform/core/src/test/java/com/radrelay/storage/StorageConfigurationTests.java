package com.radrelay.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.TenantJdbcTransactions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The store is chosen by the URI scheme of radrelay.storage.location, and there is no store without one. */
class StorageConfigurationTests {

    @TempDir Path dir;

    /** The file provider alone, as component scanning finds it. */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackages = "com.radrelay.storage.file")
    static class FileProvider {
    }

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(StorageConfiguration.class, FileProvider.class)
            .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
            .withBean(TenantJdbcTransactions.class, () -> new TenantJdbcTransactions(
                    new DataSourceTransactionManager(new SimpleDriverDataSource())))
            .withPropertyValues("radrelay.storage.master-key=cmFkcmVsYXktdGVzdC1tYXN0ZXIta2V5LTMyYnl0ZXM=");

    @Test
    void withoutALocationTheApplicationDoesNotStart() {
        context.run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                .hasMessageContaining("radrelay.storage.location is not set"));
    }

    @Test
    void aLocationOfAnUnknownKindIsRefusedWithTheKindsThereAre() {
        context.withPropertyValues("radrelay.storage.location=ftp://archive/objects").run(started ->
                assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("names no known store").hasMessageContaining("[file:]"));
    }

    @Test
    void withoutAMasterKeyOrAFileForOneTheApplicationDoesNotStart() {
        new ApplicationContextRunner().withUserConfiguration(StorageConfiguration.class, FileProvider.class)
                .withBean(JdbcTemplate.class, () -> new JdbcTemplate(new SimpleDriverDataSource()))
                .withBean(TenantJdbcTransactions.class, () -> new TenantJdbcTransactions(
                        new DataSourceTransactionManager(new SimpleDriverDataSource())))
                .withPropertyValues("radrelay.storage.location=file:" + dir)
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("radrelay.storage.master-key is not set"));
    }

    @Test
    void aFileLocationOpensTheFolderStore() {
        context.withPropertyValues("radrelay.storage.location=file:" + dir.resolve("objects")).run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(ObjectStore.class);
            assertThat(dir.resolve("objects")).isDirectory();
        });
    }
}
