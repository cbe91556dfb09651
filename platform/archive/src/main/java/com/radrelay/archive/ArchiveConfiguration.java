package com.radrelay.archive;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The archive's settings, and its periodic work at the pace they set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveSettings.class)
@EnableScheduling
class ArchiveConfiguration implements SchedulingConfigurer {

    private final ArchiveSettings settings;
    private final StudyStability stability;
    private final IndexStatistics statistics;

    ArchiveConfiguration(ArchiveSettings settings, StudyStability stability, IndexStatistics statistics) {
        this.settings = settings;
        this.stability = stability;
        this.statistics = statistics;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(stability::announceStableStudies, settings.stabilityCheckEvery());
        tasks.addFixedDelayTask(statistics::refreshWhenStale, settings.statisticsCheckEvery());
    }
}
