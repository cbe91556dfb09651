package com.radrelay.marketplace.ui;

import com.radrelay.security.Role;
import com.radrelay.shell.RoleHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MarketplaceHomes {

    @Bean
    RoleHome aiVendorHome() {
        return new RoleHome(Role.AI_VENDOR, VendorHomeView.class);
    }
}
