package io.github.ftp3p;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

    @Test
    void theProtocolLayerDoesNotReachUpToTransfersOrPools() {
        noClasses().that().resideInAPackage("io.github.ftp3p.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.ftp3p.pool..", "io.github.ftp3p.transfer..",
                        "io.github.ftp3p.camel..")
                .check(classes);
    }
}
