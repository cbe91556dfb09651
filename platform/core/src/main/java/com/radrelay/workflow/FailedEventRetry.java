package com.radrelay.workflow;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Hands workflow events whose listener failed (the database was briefly unreachable, say) to that listener
 * again while the application runs, rather than only at the next start: a study's next step is never left
 * behind. A listener that keeps failing is retried at this pace, a few at a time.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowSettings.class)
@EnableScheduling
class FailedEventRetry implements SchedulingConfigurer {

    private static final int IN_FLIGHT = 4;

    private final FailedEventPublications failed;
    private final WorkflowSettings settings;

    FailedEventRetry(FailedEventPublications failed, WorkflowSettings settings) {
        this.failed = failed;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::retry, settings.retryFailedEvery());
    }

    void retry() {
        failed.resubmit(ResubmissionOptions.defaults().withMaxInFlight(IN_FLIGHT));
    }
}
