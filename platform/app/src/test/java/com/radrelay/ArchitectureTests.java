package com.radrelay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;

@AnalyzeClasses(packages = "com.radrelay", importOptions = ProductionCode.class)
class ArchitectureTests {

    private static final Pattern MAVEN_MODULE = Pattern.compile(
            "(?:/|radrelay-)(core|archive|tenant-portal|reader-portal|ai-marketplace|billing|app)(?:/target/|-\\d)");

    // The Maven modules' layers: core <- archive <- {tenant-portal, reader-portal, ai-marketplace}; billing
    // builds on core alone; feature modules never use each other. platform/app may use everything.
    @ArchTest
    static final ArchRule platform_core_depends_on_no_other_maven_module = classes()
            .that(areIn("core")).should(dependOnlyOnTheirOwnMavenModuleOr());

    @ArchTest
    static final ArchRule the_archive_builds_on_platform_core_only = classes()
            .that(areIn("archive")).should(dependOnlyOnTheirOwnMavenModuleOr("core"));

    @ArchTest
    static final ArchRule portals_and_marketplace_build_on_the_archive_and_platform_core_only = classes()
            .that(areIn("tenant-portal", "reader-portal", "ai-marketplace"))
            .should(dependOnlyOnTheirOwnMavenModuleOr("core", "archive"));

    // Billing holds no classes until the billing work starts; the rule waits for them.
    @ArchTest
    static final ArchRule billing_builds_on_platform_core_only = classes()
            .that(areIn("billing")).should(dependOnlyOnTheirOwnMavenModuleOr("core")).allowEmptyShould(true);

    @ArchTest
    static final ArchRule only_the_archive_speaks_dicom = noClasses()
            .that(DescribedPredicate.not(areIn("archive"))).should().dependOnClassesThat()
            .resideInAPackage("org.dcm4che3..");

    @ArchTest
    static final ArchRule every_class_is_traced_to_its_maven_module = classes()
            .should(new ArchCondition<>("come from a known RadRelay Maven module") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (mavenModuleOf(item).isEmpty()) {
                        events.add(SimpleConditionEvent.violated(item, item.getName() + " comes from "
                                + item.getSource().map(s -> s.getUri().toString()).orElse("nowhere")));
                    }
                }
            });

    @ArchTest
    static final ArchRule user_interface_code_never_touches_repositories = noClasses()
            .that().resideInAnyPackage("..ui..", "com.radrelay.shell..")
            .should().dependOnClassesThat().areAssignableTo(Repository.class);

    @ArchTest
    static final ArchRule domain_code_does_not_depend_on_the_user_interface = noClasses()
            .that().resideOutsideOfPackages("..ui..", "com.radrelay.shell..", "com.radrelay.security.web..")
            .should().dependOnClassesThat().resideInAPackage("com.vaadin..");

    @ArchTest
    static final ArchRule dependencies_are_injected_through_constructors = noFields()
            .should().beAnnotatedWith(Autowired.class);

    private static DescribedPredicate<JavaClass> areIn(String... mavenModules) {
        return DescribedPredicate.describe("are in Maven module " + String.join(", ", mavenModules),
                c -> mavenModuleOf(c).map(m -> java.util.List.of(mavenModules).contains(m)).orElse(false));
    }

    private static ArchCondition<JavaClass> dependOnlyOnTheirOwnMavenModuleOr(String... allowed) {
        java.util.List<String> below = java.util.List.of(allowed);
        return new ArchCondition<>("depend only on their own Maven module" + (below.isEmpty() ? ""
                : " or " + String.join(", ", below))) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = mavenModuleOf(item).orElseThrow();
                item.getDirectDependenciesFromSelf().forEach(d -> mavenModuleOf(d.getTargetClass())
                        .filter(target -> !target.equals(own) && !below.contains(target))
                        .ifPresent(target -> events.add(SimpleConditionEvent.violated(d,
                                d.getDescription() + " crosses from " + own + " into " + target))));
            }
        };
    }

    private static Optional<String> mavenModuleOf(JavaClass c) {
        if (!c.getPackageName().startsWith("com.radrelay")) {
            return Optional.empty();
        }
        return c.getSource().map(s -> MAVEN_MODULE.matcher(s.getUri().toString()))
                .filter(Matcher::find).map(m -> m.group(1));
    }
}
