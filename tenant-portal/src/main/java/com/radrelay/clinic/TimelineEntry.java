package com.radrelay.clinic;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of a study's journey: when, what happened, and the status it moved the study to (if any). */
public record TimelineEntry(Instant at, @Nullable StudyStatus status, String detail) {
}
