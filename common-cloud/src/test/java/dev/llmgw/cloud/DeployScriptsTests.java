package dev.llmgw.cloud;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment's own checks (scripts/check-deploy.sh: shellcheck, Terraform parse and
 * style, manifests against the services, deploy.sh and undeploy.sh against recording
 * stand-ins for aws, terraform, docker and kubectl), run by {@code ./mvnw verify}. They
 * sit beside the services' AWS start-up because they check the other half of the same
 * contract: the variables and ARNs that deployment hands to it.
 */
class DeployScriptsTests {

	@Test
	void deploymentChecksPass() throws Exception {
		Path root = Path.of("..").toAbsolutePath().normalize();
		Path log = Path.of("target/check-deploy.log").toAbsolutePath();
		Process check = new ProcessBuilder("bash", "scripts/check-deploy.sh").directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		if (!check.waitFor(5, TimeUnit.MINUTES)) {
			check.destroyForcibly();
			throw new AssertionError("check-deploy.sh did not finish in 5 minutes: " + Files.readString(log));
		}
		String report = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(check.exitValue()).as(report).isZero();
		assertThat(report).containsPattern("(?m)^[1-9][0-9]* passed, 0 failed$");
	}

}
