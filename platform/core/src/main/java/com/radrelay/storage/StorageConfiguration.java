package com.radrelay.storage;

import com.radrelay.storage.crypto.MasterKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.StorageProvider;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
class StorageConfiguration {

    /** The provider whose scheme the configured location names; no location, no start. */
    @Bean(destroyMethod = "close")
    BlobStore blobStore(StorageSettings settings, List<StorageProvider> providers) throws IOException {
        URI location = settings.location();
        if (location == null) {
            throw new IllegalStateException("radrelay.storage.location is not set: name the object store, e.g. "
                    + "file:///var/lib/radrelay/objects or s3://bucket/prefix (RADRELAY_STORAGE_LOCATION)");
        }
        StorageProvider provider = providers.stream().filter(p -> p.scheme().equalsIgnoreCase(location.getScheme()))
                .findFirst().orElseThrow(() -> new IllegalStateException("radrelay.storage.location " + location
                        + " names no known store; use one of " + providers.stream().map(p -> p.scheme() + ":")
                        .sorted().toList()));
        return provider.open(location);
    }

    @Bean
    ObjectStore objectStore(BlobStore blobs, StorageSettings settings, JdbcTemplate jdbc,
            TenantJdbcTransactions transactions) {
        MasterKey master = MasterKey.load(settings.masterKey(), settings.masterKeyFile());
        return new EncryptedObjectStore(blobs, new TenantKeys(jdbc, transactions, master),
                new SegmentedAead(settings.segmentSize()));
    }
}
