package com.radrelay.archive;

import java.nio.file.Path;
import com.radrelay.archive.store.InstanceLimits;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the archive stores and announces studies.
 *
 * @param duplicates what a second copy of a stored SOP instance does: keep the first, or replace it
 * @param stableAfter how long a study must go without new instances before it is announced as received
 * @param spoolInMemory what arrives of an instance before its UIDs are known (all that precedes its pixel data) is
 *     held in memory up to this size, beyond it in a file in {@code spoolDir}; then it streams into its object
 * @param batchInFlight how many instances arriving in batches (STOW-RS requests) are made durable and indexed at
 *     once, over all batches; each batch reads its next instance meanwhile
 * @param maxSequenceDepth sequences nested deeper than this are refused (far beyond any clinical object; it keeps
 *     hostile input from exhausting the parser's stack)
 * @param maxInstanceMemory what one instance may hold in memory while it is parsed (all but its streamed pixel data;
 *     see {@link InstanceLimits})
 * @param maxFrameDimension the most rows or columns of a frame
 * @param maxFrameBytes the most bytes of a decoded frame
 * @param maxQueryResults the most results one QIDO-RS page may ask for
 * @param stabilityCheckEvery how often studies are checked for having gone quiet
 * @param statisticsCheckEvery how often the index's planner statistics are checked for being stale
 */
@ConfigurationProperties("radrelay.archive")
public record ArchiveSettings(
        @DefaultValue("KEEP_FIRST") DuplicatePolicy duplicates,
        @DefaultValue("PT30S") Duration stableAfter,
        @DefaultValue("PT5S") Duration stabilityCheckEvery,
        @DefaultValue("8388608") long spoolInMemory,
        @Nullable Path spoolDir,
        @DefaultValue("4") int batchInFlight,
        @DefaultValue("128") int maxSequenceDepth,
        @DefaultValue("128MB") DataSize maxInstanceMemory,
        @DefaultValue("16384") int maxFrameDimension,
        @DefaultValue("512MB") DataSize maxFrameBytes,
        @DefaultValue("1000") int maxQueryResults,
        @DefaultValue("PT30S") Duration statisticsCheckEvery) {

    public ArchiveSettings {
        // Placeholders are not resolved in @DefaultValue: the JVM's temporary folder is looked up here.
        spoolDir = spoolDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "radrelay-spool") : spoolDir;
        if (batchInFlight < 1) {
            throw new IllegalArgumentException("radrelay.archive.batch-in-flight must be at least 1");
        }
        if (maxSequenceDepth < 8) {
            throw new IllegalArgumentException("radrelay.archive.max-sequence-depth must be at least 8");
        }
    }

    public InstanceLimits limits() {
        return new InstanceLimits(maxSequenceDepth, maxInstanceMemory.toBytes(), maxFrameDimension,
                maxFrameBytes.toBytes());
    }

    public enum DuplicatePolicy { KEEP_FIRST, REPLACE }
}
