package com.radrelay.storage;

import com.radrelay.storage.crypto.KeyWrapper;
import com.radrelay.storage.crypto.KmsMasterKey;
import com.radrelay.storage.crypto.MasterKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.StorageProvider;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

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
    ObjectStore objectStore(BlobStore blobs, StorageSettings settings, TenantKeys keys) {
        return new EncryptedObjectStore(blobs, keys, new SegmentedAead(settings.segmentSize()));
    }

    /**
     * The master that wraps new data keys (KMS when a key is named, else the local key) and the previous ones that
     * still unwrap what they wrapped: a local key beside KMS, a replaced local key.
     */
    @Bean
    TenantKeys tenantKeys(StorageSettings settings, JdbcTemplate jdbc, TenantJdbcTransactions transactions,
            ObjectProvider<Clock> clock) {
        List<KeyWrapper> previous = new ArrayList<>();
        KeyWrapper master;
        if (given(settings.kmsKeyId())) {
            master = new KmsMasterKey(kmsClient(settings), settings.kmsKeyId().strip());
            if (given(settings.masterKey()) || settings.masterKeyFile() != null
                    && Files.exists(settings.masterKeyFile())) {
                previous.add(MasterKey.load(settings.masterKey(), settings.masterKeyFile()));
            }
        } else {
            master = MasterKey.load(settings.masterKey(), settings.masterKeyFile());
        }
        if (given(settings.previousMasterKey())) {
            previous.add(MasterKey.of(settings.previousMasterKey()));
        }
        return new TenantKeys(jdbc, transactions, master, previous, clock.getIfAvailable(Clock::systemUTC));
    }

    private static KmsClient kmsClient(StorageSettings settings) {
        KmsClientBuilder builder = KmsClient.builder().region(Region.of(settings.region()))
                .httpClientBuilder(ApacheHttpClient.builder());
        if (settings.kmsEndpoint() != null) {
            builder.endpointOverride(settings.kmsEndpoint());
        }
        String accessKey = settings.accessKey();
        String secretKey = settings.secretKey();
        builder.credentialsProvider(accessKey != null && secretKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    private static boolean given(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
