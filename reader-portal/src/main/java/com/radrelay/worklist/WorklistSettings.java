package com.radrelay.worklist;

import com.radrelay.workflow.Priority;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worklist's clocks.
 *
 * @param routineWithin how long after arrival a routine study must be reported (its SLA)
 * @param urgentWithin the same for an urgent study
 * @param statWithin the same for a STAT study
 * @param leaseFor how long a claim holds without being renewed (the reading page renews it while open)
 */
@ConfigurationProperties("radrelay.worklist")
public record WorklistSettings(
        @DefaultValue("PT24H") Duration routineWithin,
        @DefaultValue("PT4H") Duration urgentWithin,
        @DefaultValue("PT1H") Duration statWithin,
        @DefaultValue("PT2M") Duration leaseFor) {

    Duration within(Priority priority) {
        return switch (priority) {
            case ROUTINE -> routineWithin;
            case URGENT -> urgentWithin;
            case STAT -> statWithin;
        };
    }

    /** The reading page renews its claim this often: three renewals fit in one lease. */
    public Duration renewEvery() {
        return leaseFor.dividedBy(4);
    }
}
