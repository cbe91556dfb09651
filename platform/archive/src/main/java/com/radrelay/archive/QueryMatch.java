package com.radrelay.archive.query;

import org.dcm4che3.data.Attributes;
import org.jspecify.annotations.Nullable;

/** One match: its index key, everything known about the study, series or instance, and its UIDs. */
public record QueryMatch(long pk, Attributes attrs, String studyUid, @Nullable String seriesUid, @Nullable String sopUid) {
}
