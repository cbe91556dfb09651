package com.radrelay.workflow;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock SLAs, licences and escalations are measured against; a test may put its own in its place. */
@Configuration(proxyBeanMethods = false)
class WorkflowClock {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
