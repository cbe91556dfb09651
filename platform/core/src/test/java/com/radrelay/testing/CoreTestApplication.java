package com.radrelay.testing;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Boots platform/core (and, from a feature module's tests, that module too) without the app's embedded defaults. */
@SpringBootApplication(scanBasePackages = "com.radrelay")
@ConfigurationPropertiesScan("com.radrelay")
@AutoConfigurationPackage(basePackages = "com.radrelay")
public class CoreTestApplication {
}
