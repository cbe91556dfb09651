package com.radrelay.archive;

import org.dcm4che3.data.Attributes;
import org.jspecify.annotations.Nullable;

/**
 * One match of a search: its place in the index (for paging), everything known about the study, series or
 * instance, and its UIDs.
 */
public record QueryMatch(long pk, Attributes attrs, String studyUid, @Nullable String seriesUid, @Nullable String sopUid) {
}
