package dev.llmgw.middleware;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The middleware's packages depend on each other one way only, so that a feature can be
 * read, tested and changed without the rest: the error types at the bottom, the
 * pass-through and the Bedrock routes on top of history, prompts and the gateway client.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.llmgw.middleware");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.llmgw.middleware.(*)..")
			.should()
			.beFreeOfCycles()
			.because("two packages that import each other are one package in two places: "
					+ "a change to either means reading both")
			.check(CLASSES);
	}

	@Test
	void errorsDependOnNoOtherMiddlewarePackage() {
		noClasses().that()
			.resideInAPackage("dev.llmgw.middleware.error..")
			.should()
			.dependOnClassesThat(resideInAPackage("dev.llmgw.middleware..")
				.and(not(resideInAPackage("dev.llmgw.middleware.error.."))))
			.because("every package tells its failures with the error types, "
					+ "so they must not need any of those packages in turn")
			.check(CLASSES);
	}

}
