package com.radrelay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules modules = ApplicationModules.of(RadRelayApplication.class, new ProductionCode());

    @Test
    void modulesAreFoundInEveryJarOfThePlatform() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("tenancy", "security", "audit", "shell", "storage", "workflow", // platform/core
                        "dicom", "ingest", "archive", // platform/archive
                        "clinic", "onboarding", // tenant-portal
                        "worklist", // reader-portal
                        "marketplace", // ai-marketplace
                        "embedded", "demo", "production"); // platform/app
    }

    @Test
    void modulesUseEachOtherOnlyThroughTheirPublicFacesAndFormNoCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentationIntoDocs() throws IOException {
        Path docs = Path.of("../../docs/modules");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(docs.toString())).writeDocumentation();
        // The Documenter lists a diagram's relations in hash order; sorted, a file changes only with the modules.
        try (Stream<Path> files = Files.list(docs)) {
            for (Path puml : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.write(puml, relationsSorted(Files.readAllLines(puml)));
            }
        }
    }

    @Test
    void relationsAreSortedWithinTheirBlockOnly() {
        assertThat(relationsSorted(List.of("@startuml", "Rel(b)", "Rel(a)", "", "Rel(d)", "Rel(c)", "@enduml")))
                .containsExactly("@startuml", "Rel(a)", "Rel(b)", "", "Rel(c)", "Rel(d)", "@enduml");
    }

    static List<String> relationsSorted(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        for (int start = 0; start < out.size(); start++) {
            int end = start;
            while (end < out.size() && out.get(end).startsWith("Rel(")) {
                end++;
            }
            Collections.sort(out.subList(start, end));
            start = end;
        }
        return out;
    }
}
