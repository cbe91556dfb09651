package com.radrelay.workflow;

import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands workflow events whose listener failed (the database was briefly unreachable, say) to that listener
 * again while the application runs, rather than only at the next start: a study's next step is never left
 * behind. A listener that keeps failing is retried at this pace, a few at a time.
 */
@Component
class FailedEventRetry {

    private static final int IN_FLIGHT = 4;

    private final FailedEventPublications failed;

    FailedEventRetry(FailedEventPublications failed) {
        this.failed = failed;
    }

    @Scheduled(fixedDelayString = "${radrelay.workflow.retry-failed-every:PT1M}")
    void retry() {
        failed.resubmit(ResubmissionOptions.defaults().withMaxInFlight(IN_FLIGHT));
    }
}
