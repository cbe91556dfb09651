package com.radrelay.ingest.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import me.desair.tus.server.TusFileUploadService;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes uploads that stopped progressing longer ago than {@code radrelay.ingest.upload.expire-after}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AbandonedUploads implements SchedulingConfigurer {

    private final TusFileUploadService tus;
    private final UploadSettings settings;

    AbandonedUploads(TusFileUploadService tus, UploadSettings settings) {
        this.tus = tus;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(() -> {
            try {
                tus.cleanup();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, settings.cleanupEvery());
    }
}
