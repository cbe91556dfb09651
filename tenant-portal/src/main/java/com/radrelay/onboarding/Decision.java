package com.radrelay.onboarding;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step in an application's history: who did what, and why. */
public record Decision(Instant at, String actor, String action, @Nullable String note) {
}
