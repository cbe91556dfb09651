package com.radrelay.archive;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the archive stores and announces studies.
 *
 * @param duplicates what a second copy of a stored SOP instance does: keep the first, or replace it
 * @param stableAfter how long a study must go without new instances before it is announced as received
 * @param spoolInMemory instances up to this size are held in memory while stored, larger ones in {@code spoolDir}
 * @param batchInFlight how many instances arriving in batches (STOW-RS requests) are written at once, over all
 *     batches; each batch reads its next instance meanwhile
 */
@ConfigurationProperties("radrelay.archive")
public record ArchiveSettings(
        @DefaultValue("KEEP_FIRST") DuplicatePolicy duplicates,
        @DefaultValue("PT30S") Duration stableAfter,
        @DefaultValue("PT5S") Duration stabilityCheckEvery,
        @DefaultValue("8388608") long spoolInMemory,
        @DefaultValue("${java.io.tmpdir}") Path spoolDir,
        @DefaultValue("4") int batchInFlight,
        @DefaultValue("1000") int maxQueryResults) {

    public ArchiveSettings {
        if (batchInFlight < 1) {
            throw new IllegalArgumentException("radrelay.archive.batch-in-flight must be at least 1");
        }
    }

    public enum DuplicatePolicy { KEEP_FIRST, REPLACE }
}
