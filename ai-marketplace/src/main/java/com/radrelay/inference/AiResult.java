package com.radrelay.inference;

import com.radrelay.workflow.Priority;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What one model version said of one study, with its provenance; {@code error} is set when it failed. */
public record AiResult(String model, String version, String title, String vendor, boolean failed, int images,
        List<String> inputSeries, List<Measurement> measurements, List<String> findings, @Nullable Priority triage,
        @Nullable String srSopUid, @Nullable String error, int attempts, Instant startedAt, Instant finishedAt) {

    /** One study-level number: its code in the output contract, label, value and UCUM unit. */
    public record Measurement(String code, String label, double value, String unit) {
    }

    /** One line for timelines and lists. */
    public String summary() {
        if (failed) {
            return error == null ? "failed" : error;
        }
        String found = findings.isEmpty() ? "no finding" : String.join("; ", findings);
        return found + (triage == null ? "" : " (triage " + triage.name().toLowerCase() + ")");
    }
}
