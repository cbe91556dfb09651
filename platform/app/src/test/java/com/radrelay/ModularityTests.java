package com.radrelay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(RadRelayApplication.class, new ProductionCode());

    @Test
    void modulesAreFoundInEveryJarOfThePlatform() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("tenancy", "security", "audit", "shell", // platform/core
                        "clinic", "onboarding", // tenant-portal
                        "worklist", // reader-portal
                        "marketplace", // ai-marketplace
                        "embedded", "demo"); // platform/app
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirPublicFacesAndFormNoCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentationIntoDocs() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../../docs/modules"))
                .writeDocumentation();
    }
}
