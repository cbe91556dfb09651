package com.radrelay.archive;

import org.dcm4che3.data.Attributes;
import org.jspecify.annotations.Nullable;

/** An instance whose object is stored and which now enters the index. */
record NewInstance(Attributes dataset, String transferSyntax, String objectKey, long objectSize, String sha256,
        @Nullable Integer pixelTag, @Nullable String pixelVr, @Nullable Long pixelOffset, @Nullable Long pixelLength,
        long @Nullable [] pixelFragments, String source) {
}
