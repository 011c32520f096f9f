package dev.unstuck.app.house;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The modules' architecture, checked on the main classes of all three: the sandbox shares nothing with
 * the client, core knows nothing of the CLI, the HTTP server or the database, core's packages build on
 * each other one way, and no module's packages form a cycle.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.unstuck");

    @Test
    void theSandboxDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.unstuck.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.unstuck.core..", "dev.unstuck.app..", "dev.unstuck.bench..")
                .check(MAIN);
    }

    @Test
    void coreKnowsNothingOfTheCliTheHttpServerOrTheDatabase() {
        noClasses().that().resideInAPackage("dev.unstuck.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.unstuck.app..", "dev.unstuck.sandbox..", "picocli..",
                        "io.javalin..", "org.eclipse.jetty..", "java.sql..", "org.flywaydb..", "io.micrometer..")
                .check(MAIN);
    }

    @Test
    void coresPackagesBuildOnEachOtherOneWay() {
        // conversation <- genesys <- access (what permissions mean) <- engine <- detect.
        noClasses().that().resideInAPackage("dev.unstuck.core.conversation..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.unstuck.core.genesys..", "dev.unstuck.core.access..",
                        "dev.unstuck.core.engine..", "dev.unstuck.core.detect..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.unstuck.core.genesys..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.unstuck.core.access..", "dev.unstuck.core.engine..",
                        "dev.unstuck.core.detect..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.unstuck.core.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.unstuck.core.engine..", "dev.unstuck.core.detect..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.unstuck.core.engine..")
                .should().dependOnClassesThat().resideInAPackage("dev.unstuck.core.detect..")
                .check(MAIN);
    }

    @Test
    void noModulesPackagesFormACycle() {
        slices().matching("dev.unstuck.sandbox.(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching("dev.unstuck.core.(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching("dev.unstuck.app.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
