package com.radrelay.onboarding.ui;

import com.radrelay.security.Role;
import com.radrelay.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OnboardingHomes {

    @Bean
    RoleHome platformAdminHome() {
        return new RoleHome(Role.PLATFORM_ADMIN, ClinicsView.class);
    }
}
