package com.radrelay.ingest.ui;

import com.radrelay.security.Role;
import com.radrelay.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestHomes {

    @Bean
    RoleHome clinicUploaderHome() {
        return new RoleHome(Role.CLINIC_UPLOADER, SendStudiesView.class);
    }
}
