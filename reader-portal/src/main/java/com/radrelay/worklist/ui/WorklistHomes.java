package com.radrelay.worklist.ui;

import com.radrelay.security.Role;
import com.radrelay.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorklistHomes {

    @Bean
    RoleHome radiologistHome() {
        return new RoleHome(Role.RADIOLOGIST, WorklistView.class);
    }
}
