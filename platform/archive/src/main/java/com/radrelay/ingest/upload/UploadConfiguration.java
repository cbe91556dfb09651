package com.radrelay.ingest.upload;

import com.radrelay.ingest.BrowserUploads;
import com.radrelay.security.Role;
import com.radrelay.security.SessionEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import me.desair.tus.server.TusFileUploadService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tus server library and its folder of partial uploads. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadSettings.class)
class UploadConfiguration {

    private final UploadSettings settings;

    UploadConfiguration(UploadSettings settings) {
        this.settings = settings;
    }

    @Bean
    SessionEndpoint uploadEndpoint() {
        return new SessionEndpoint(BrowserUploads.ENDPOINT + "/**", Set.of(Role.CLINIC_UPLOADER, Role.CLINIC_MANAGER));
    }

    @Bean
    TusFileUploadService tusUploads() {
        try {
            // Partial uploads hold patient data: readable by the application's user alone.
            Files.createDirectories(settings.directory(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // The library's own sub-folders, made here so that they too are private, and exist for the cleanup.
            for (String sub : new String[] {"uploads", "locks"}) {
                Files.createDirectories(settings.directory().resolve(sub),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the upload folder " + settings.directory(), e);
        }
        return new TusFileUploadService()
                .withUploadUri(BrowserUploads.ENDPOINT)
                .withStoragePath(settings.directory().toString())
                .withMaxUploadSize(settings.maxFileSize().toBytes())
                .withUploadExpirationPeriod(settings.expireAfter().toMillis());
    }
}
