package com.radrelay.tenancy.db;

import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.tenancy.TenantTransactions;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.hibernate.cfg.MultiTenancySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseSettings.class)
class TenancyDatabaseConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(EntityManagerFactory emf) {
        return new TenantTransactionManager(emf);
    }

    @Bean
    TenantTransactions tenantTransactions(PlatformTransactionManager transactionManager) {
        return new TenantTransactions(transactionManager);
    }

    @Bean
    TenantJdbcTransactions tenantJdbcTransactions(DataSource dataSource) {
        return new TenantJdbcTransactions(new TenantJdbcTransactionManager(dataSource));
    }

    @Bean
    HibernatePropertiesCustomizer tenantIdentifierResolver() {
        return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
                new TenantIdentifierResolver());
    }

    @Bean
    FlywayMigrationStrategy provisioningMigration(DatabaseSettings settings, FlywayProperties admin,
            DataSourceProperties app) {
        return flyway -> {
            if (settings.provision()) {
                new DatabaseProvisioning(admin.getUrl(), admin.getUser(), admin.getPassword(), app.determineUrl(),
                        app.determineUsername(), app.determinePassword(), settings.recreate()).run();
            }
            flyway.migrate();
        };
    }
}
