package com.radrelay.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the study's journey keeps moving.
 *
 * @param retryFailedEvery how often workflow events whose listener failed are handed to it again
 */
@ConfigurationProperties("radrelay.workflow")
public record WorkflowSettings(@DefaultValue("PT1M") Duration retryFailedEvery) {
}
