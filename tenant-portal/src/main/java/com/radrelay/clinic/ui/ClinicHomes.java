package com.radrelay.clinic.ui;

import com.radrelay.security.Role;
import com.radrelay.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClinicHomes {

    @Bean
    RoleHome clinicManagerHome() {
        return new RoleHome(Role.CLINIC_MANAGER, ClinicOverviewView.class);
    }

    @Bean
    RoleHome clinicUploaderHome() {
        return new RoleHome(Role.CLINIC_UPLOADER, UploadView.class);
    }
}
