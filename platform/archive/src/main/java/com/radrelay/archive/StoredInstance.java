package com.radrelay.archive.index;

import org.jspecify.annotations.Nullable;

/** Where an indexed instance lives and how its pixel data can be reached. */
public record IndexedInstance(long pk, String studyUid, String seriesUid, String sopUid, String sopClassUid,
        String transferSyntax, String objectKey, long objectSize, String sha256, int numberOfFrames,
        @Nullable Integer pixelTag, @Nullable String pixelVr, @Nullable Long pixelOffset, @Nullable Long pixelLength,
        long @Nullable [] pixelFragments) {
}
