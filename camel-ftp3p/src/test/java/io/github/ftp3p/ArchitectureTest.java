package io.github.ftp3p;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.ftp3p");

    @Test
    void theProtocolCoreKnowsNothingOfCamel() {
        noClasses().that().resideInAnyPackage("io.github.ftp3p.protocol..", "io.github.ftp3p.pool..", "io.github.ftp3p.transfer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..")
                .check(classes);
    }

    /**
     * micrometer-core is optional: only the class that makes the meters may use it, and the endpoint loads that one
     * only when micrometer-core is present, so that without it nothing fails to link.
     */
    @Test
    void onlyTransferMetersKnowsMicrometer() {
        noClasses().that().doNotHaveFullyQualifiedName("io.github.ftp3p.camel.TransferMeters")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                .check(classes);
    }

    /** camel → transfer → pool → protocol: a layer may use those below it, never one above. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Camel adapter").definedBy("io.github.ftp3p.camel..")
                .layer("Transfers").definedBy("io.github.ftp3p.transfer..")
                .layer("Pools").definedBy("io.github.ftp3p.pool..")
                .layer("Protocol").definedBy("io.github.ftp3p.protocol..")
                .whereLayer("Camel adapter").mayNotBeAccessedByAnyLayer()
                .whereLayer("Transfers").mayOnlyBeAccessedByLayers("Camel adapter")
                .whereLayer("Pools").mayOnlyBeAccessedByLayers("Camel adapter", "Transfers")
                .whereLayer("Protocol").mayOnlyBeAccessedByLayers("Camel adapter", "Transfers", "Pools")
                .check(classes);
    }
}
