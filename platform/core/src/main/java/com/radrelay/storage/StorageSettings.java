package com.radrelay.storage;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where objects go and how they are sealed.
 *
 * @param location the store, by provider: {@code file:///var/lib/radrelay/objects} or {@code s3://bucket/prefix};
 *     required (the run command's embedded defaults set a local folder, the prod profile sets nothing)
 * @param endpoint an S3-compatible service instead of AWS S3 (path-style requests)
 * @param accessKey with {@code secretKey}: fixed S3 credentials instead of the SDK's default chain
 * @param partSize S3 objects larger than this are uploaded in parts of this size (at least 5 MB)
 * @param masterKey base64 of the 32-byte key that wraps the tenants' data keys
 * @param masterKeyFile without a master key, one is generated once into this file (a laptop, never production)
 * @param kmsKeyId an AWS KMS key (id, ARN or alias) that wraps the data keys instead of a local master key; a
 *     local one still configured then only unwraps what it wrapped, until re-wrapped
 * @param kmsEndpoint a KMS-compatible service instead of AWS KMS
 * @param previousMasterKey the master key being replaced: it unwraps what it wrapped while every data key is
 *     re-wrapped with the current master at start-up; remove it once the log says so
 * @param rotateDataKeysEvery each clinic gets a new data key for its new objects once its current one is this old
 * @param segmentSize plaintext bytes per sealed segment: the unit of encryption and of range reads
 */
@ConfigurationProperties("radrelay.storage")
public record StorageSettings(
        @Nullable URI location,
        @Nullable URI endpoint,
        @DefaultValue("us-east-1") String region,
        @Nullable String accessKey,
        @Nullable String secretKey,
        @DefaultValue("8MB") DataSize partSize,
        @Nullable String masterKey,
        @Nullable Path masterKeyFile,
        @Nullable String kmsKeyId,
        @Nullable URI kmsEndpoint,
        @Nullable String previousMasterKey,
        @DefaultValue("P90D") java.time.Duration rotateDataKeysEvery,
        @DefaultValue("65536") int segmentSize) {

    public StorageSettings {
        if (partSize.toBytes() < 5L * 1024 * 1024) {
            throw new IllegalArgumentException("radrelay.storage.part-size must be at least 5MB (S3's smallest part)");
        }
    }
}
