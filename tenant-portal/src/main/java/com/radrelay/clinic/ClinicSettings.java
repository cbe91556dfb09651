package com.radrelay.clinic;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The clinic side's clocks.
 *
 * @param acknowledgeCriticalWithin a critical finding not acknowledged by then is escalated to the clinic's managers
 * @param escalationCheckEvery how often unacknowledged critical findings are looked for
 */
@ConfigurationProperties("radrelay.clinic")
public record ClinicSettings(
        @DefaultValue("PT15M") Duration acknowledgeCriticalWithin,
        @DefaultValue("PT30S") Duration escalationCheckEvery) {
}
