package dev.llmgw.storage;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Drops the databases {@link TestPostgres} created during a test class when that class
 * ends, after its {@code @AfterAll} methods have closed its gateways. Registered for
 * every module whose tests have this module's test jar on their class path (through
 * {@code META-INF/services}), so no test has to remember it. Test classes run one after
 * the other in a JVM (no parallel execution is configured), so what was created since the
 * last class ended is this class's.
 */
public class DropTestDatabases implements TestExecutionListener {

	private volatile Set<String> roots = Set.of();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.roots = testPlan.getRoots().stream().map(TestIdentifier::getUniqueId).collect(Collectors.toSet());
	}

	@Override
	public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		boolean topLevelClass = identifier.getSource().filter(ClassSource.class::isInstance).isPresent()
				&& identifier.getParentId().filter(this.roots::contains).isPresent();
		if (topLevelClass) {
			TestPostgres.dropCreated();
		}
	}

}
