package com.radrelay.ingest.upload;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Browser uploads.
 *
 * @param directory where partly uploaded files wait (on a volume every application node shares); the JVM's
 *     temporary folder when not set
 * @param expireAfter an upload that has not progressed for this long is abandoned and deleted
 * @param cleanupEvery how often abandoned uploads are looked for
 * @param maxFileSize the largest single file (a zip of a DVD fits the default)
 * @param maxZipRatio a zip archive expanding to more than this many times its size is refused as a zip bomb
 * @param maxZipUnpacked a zip archive expanding to more than this in total is refused
 * @param maxZipFiles the most files one zip archive may hold
 * @param checkingAtOnce how many completed uploads are checked and stored at once
 */
@ConfigurationProperties("radrelay.ingest.upload")
public record UploadSettings(
        @Nullable Path directory,
        @DefaultValue("PT24H") Duration expireAfter,
        @DefaultValue("PT15M") Duration cleanupEvery,
        @DefaultValue("10GB") DataSize maxFileSize,
        @DefaultValue("100") int maxZipRatio,
        @DefaultValue("64GB") DataSize maxZipUnpacked,
        @DefaultValue("100000") int maxZipFiles,
        @DefaultValue("2") int checkingAtOnce) {

    public UploadSettings {
        // Placeholders are not resolved in @DefaultValue: the JVM's temporary folder is looked up here.
        directory = directory == null ? Path.of(System.getProperty("java.io.tmpdir"), "radrelay-uploads") : directory;
        if (maxZipRatio < 2) {
            throw new IllegalArgumentException("radrelay.ingest.upload.max-zip-ratio must be at least 2");
        }
        if (checkingAtOnce < 1) {
            throw new IllegalArgumentException("radrelay.ingest.upload.checking-at-once must be at least 1");
        }
    }
}
