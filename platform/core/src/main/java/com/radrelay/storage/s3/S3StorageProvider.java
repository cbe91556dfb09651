package com.radrelay.storage.s3;

import com.radrelay.storage.StorageSettings;
import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.StorageProvider;
import java.net.URI;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * {@code s3://bucket/prefix}: blobs in AWS S3 (credentials from the SDK's default chain unless keys are set), or in
 * any S3-compatible service at {@code radrelay.storage.endpoint}.
 */
@Component
class S3StorageProvider implements StorageProvider {

    private final StorageSettings settings;

    S3StorageProvider(StorageSettings settings) {
        this.settings = settings;
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public BlobStore open(URI location) {
        String bucket = location.getHost();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 location names its bucket: s3://bucket/prefix, not " + location);
        }
        String path = location.getPath() == null ? "" : location.getPath().replaceAll("^/+|/+$", "");
        S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).expectContinueEnabled(false));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
        }
        String accessKey = settings.accessKey();
        String secretKey = settings.secretKey();
        builder.credentialsProvider(accessKey != null && secretKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build());
        S3Client s3 = builder.build();
        if (settings.endpoint() != null) {
            // An S3-compatible server of our own (tests, a local MinIO) may start empty; on AWS the bucket is
            // infrastructure and the application never creates it.
            try {
                s3.headBucket(b -> b.bucket(bucket));
            } catch (NoSuchBucketException e) {
                s3.createBucket(b -> b.bucket(bucket));
            }
        }
        return new S3BlobStore(s3, bucket, path.isEmpty() ? "" : path + "/",
                Math.toIntExact(settings.partSize().toBytes()));
    }
}
