package dev.llmgw.gateway.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's layering, pinned (docs/architecture.md draws it). A change that breaks a
 * rule changes the architecture: change that document and this test together.
 */
class ArchitectureTests {

	private static final String GATEWAY = "dev.llmgw.gateway";

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(GATEWAY);
	}

	@Test
	void noTwoPackagesImportEachOther() {
		slices().matching(GATEWAY + ".(*)..")
			.should()
			.beFreeOfCycles()
			.because("a package that another imports must not import it back: each feature is a package that "
					+ "can be read, tested and replaced on its own")
			.check(classes);
	}

	@Test
	void configKnowsNoFeature() {
		noClasses().that()
			.resideInAPackage(GATEWAY + ".config..")
			.should()
			.dependOnClassesThat(otherThan("config"))
			.because("config/ reads config.yaml into records; each feature wires itself from them")
			.check(classes);
	}

	@Test
	void theLowestLayersKnowNoFeature() {
		for (String low : new String[] { "error", "logs", "web", "storage", "redis" }) {
			noClasses().that()
				.resideInAPackage(GATEWAY + "." + low + "..")
				.should()
				.dependOnClassesThat(otherThan(low, "config", "error", "logs", "web"))
				.because(low + "/ is what every feature stands on")
				.check(classes);
		}
	}

	@Test
	void theEngineDependsOnItsStagesNotOnTheirImplementations() {
		noClasses().that()
			.resideInAPackage(GATEWAY + ".engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("admission"), feature("ratelimit"), feature("budget"), feature("routing"),
					feature("cache"), feature("guardrails"), feature("spend"), feature("api"), feature("messages"),
					feature("completions"), feature("routes"), feature("admin"), feature("models"),
					feature("accesslog"))
			.because("a stage or a listener is added as a bean of its own package, without touching the engine")
			.check(classes);
	}

	@Test
	void providersDoNotKnowTheEngine() {
		noClasses().that()
			.resideInAPackage(GATEWAY + ".providers..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("engine"), feature("routing"), feature("admission"), feature("budget"),
					feature("ratelimit"), feature("spend"), feature("auth"))
			.because("a provider translates one call to one upstream; what calls it is not its concern")
			.check(classes);
	}

	private static String feature(String name) {
		return GATEWAY + "." + name + "..";
	}

	/** Gateway classes outside the given packages. */
	private static DescribedPredicate<JavaClass> otherThan(String... allowed) {
		String[] packages = new String[allowed.length];
		for (int i = 0; i < allowed.length; i++) {
			packages[i] = feature(allowed[i]);
		}
		return resideInAPackage(GATEWAY + "..").and(DescribedPredicate.not(resideInAnyPackage(packages)))
			.as("are gateway classes outside " + String.join(", ", allowed));
	}

}
