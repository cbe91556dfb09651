package com.radrelay.storage.s3;

import com.radrelay.storage.ObjectStore;
import com.radrelay.storage.StorageSettings;
import com.radrelay.storage.crypto.MasterKey;
import com.radrelay.storage.crypto.SegmentedAead;
import com.radrelay.storage.crypto.TenantKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageSettings.class)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    @Nullable EmbeddedS3Server embeddedS3Server(StorageSettings settings) throws Exception {
        return settings.endpoint() == null
                ? new EmbeddedS3Server(settings.embeddedDir(), settings.accessKey(), settings.secretKey(),
                        settings.embeddedFsync())
                : null;
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(StorageSettings settings, ObjectProvider<EmbeddedS3Server> embedded) {
        EmbeddedS3Server server = settings.endpoint() == null ? embedded.getObject() : null;
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(server != null ? server.endpoint() : settings.endpoint())
                .forcePathStyle(true)
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        if (server == null) {
            builder.httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).expectContinueEnabled(false));
        } else {
            forEmbedded(builder.httpClient(server.httpClient()));
        }
        S3Client client = builder.build();
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            client.createBucket(b -> b.bucket(settings.bucket()));
        }
        return client;
    }

    /**
     * Loopback to our own server: objects carry their own AES-GCM tags, so no checksum pass over the body, neither
     * a flexible checksum nor a SigV4 payload hash (see {@link LoopbackSigner}), and plain (not aws-chunked) bodies,
     * which is all the embedded server reads.
     */
    static S3ClientBuilder forEmbedded(S3ClientBuilder builder) {
        return builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .putAuthScheme(LoopbackSigner.scheme());
    }

    @Bean
    ObjectStore objectStore(S3Client s3, StorageSettings settings, JdbcTemplate jdbc,
            PlatformTransactionManager transactions) {
        MasterKey master = MasterKey.load(settings.masterKey(), settings.masterKeyFile());
        return new S3ObjectStore(s3, settings.bucket(), new TenantKeys(jdbc, transactions, master),
                new SegmentedAead(settings.segmentSize()));
    }
}
