package dev.llmgw.gateway.providers.vertex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.ConfigLoader;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Vertex AI's project, location and credentials resolved as LiteLLM resolves them, once,
 * when the deployments are created: files are read then (a file deleted afterwards does
 * not matter), a missing project stops the start naming the setting, unusable credentials
 * stop it naming where they came from and never showing the key, absent ones leave the
 * model listed as unavailable.
 */
class VertexSetupsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path dir;

	private static TestServiceAccount account;

	private static Path file;

	@BeforeAll
	static void writeKey() {
		account = TestServiceAccount.generate("svc@key-project.iam.gserviceaccount.com",
				"https://oauth2.googleapis.com/token", "key-project");
		file = account.write(dir);
	}

	@Test
	void projectAndLocationComeFromTheParamsThenTheEnvironmentThenTheCredentials() {
		VertexTarget configured = target(
				"{vertex_project: p1, vertex_location: europe-west1, vertex_credentials: \"" + file + "\"}",
				Map.of("VERTEXAI_PROJECT", "p2", "VERTEXAI_LOCATION", "asia-east1"));
		assertThat(configured.project()).isEqualTo("p1");
		assertThat(configured.location()).isEqualTo("europe-west1");
		VertexTarget aliases = target(
				"{vertex_ai_project: p4, vertex_ai_location: us-east5, vertex_credentials: \"" + file + "\"}",
				Map.of());
		assertThat(aliases.project()).isEqualTo("p4");
		assertThat(aliases.location()).isEqualTo("us-east5");
		VertexTarget environment = target("{vertex_credentials: \"" + file + "\"}",
				Map.of("VERTEXAI_PROJECT", "p2", "VERTEXAI_LOCATION", "asia-east1"));
		assertThat(environment.project()).isEqualTo("p2");
		assertThat(environment.location()).isEqualTo("asia-east1");
		VertexTarget fromKey = target("{vertex_credentials: \"" + file + "\"}", Map.of());
		assertThat(fromKey.project()).isEqualTo("key-project");
		assertThat(fromKey.location()).isEqualTo("us-central1");
		assertThat(fromKey.account().clientEmail()).isEqualTo(account.clientEmail());
		assertThat(fromKey.account().keyId()).isEqualTo(account.keyId());
	}

	@Test
	void credentialsMayBeAPathTheJsonAMapOrTheEnvironmentsVariables() throws Exception {
		String json = account.json();
		assertThat(target("{vertex_credentials: " + JSON.writeValueAsString(json) + "}", Map.of()).account().source())
			.isEqualTo("model_list[0].litellm_params.vertex_credentials");
		assertThat(target("{vertex_credentials: " + json + "}", Map.of()).account().clientEmail())
			.isEqualTo(account.clientEmail());
		assertThat(target("{}", Map.of("VERTEXAI_CREDENTIALS", json)).account().source())
			.isEqualTo("VERTEXAI_CREDENTIALS");
		assertThat(target("{}", Map.of("VERTEXAI_CREDENTIALS", file.toString())).account().source())
			.isEqualTo("VERTEXAI_CREDENTIALS (" + file + ")");
		assertThat(target("{}", Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString(), "VERTEXAI_PROJECT", "p"))
			.account()
			.source()).isEqualTo("GOOGLE_APPLICATION_CREDENTIALS (" + file + ")");
	}

	@Test
	void theFileIsReadOnceWhenTheDeploymentsAreCreated() throws Exception {
		Path copy = Files.copy(file, dir.resolve("read-once.json"));
		ModelRegistry models = registry("""
				model_list:
				  - model_name: a
				    litellm_params: {model: vertex_ai/gemini-2.0-flash, vertex_credentials: "%1$s"}
				  - model_name: "vertex/*"
				    litellm_params: {model: "vertex_ai/*", vertex_credentials: "%1$s"}
				""".formatted(copy), Map.of());
		Files.delete(copy);
		VertexTarget a = target(models.find("a").deployments().get(0));
		VertexTarget matched = target(models.find("vertex/gemini-2.5-pro").deployments().get(0));
		assertThat(matched.account().privateKey()).as("parsed once").isSameAs(a.account().privateKey());
		assertThat(matched.account().source()).startsWith("model_list[1].litellm_params.vertex_credentials");
		assertThat(models.find("vertex/gemini-2.5-pro").deployments().get(0).providerModel())
			.isEqualTo("gemini-2.5-pro");
	}

	@Test
	void noProjectAnywhereStopsTheStartNamingTheSetting() {
		Path projectless = TestServiceAccount.generate("svc@x.iam.gserviceaccount.com", "https://t", null).write(dir);
		assertThatThrownBy(() -> registry("""
				model_list:
				  - model_name: ok
				    litellm_params: {model: vertex_ai/gemini-2.0-flash, vertex_project: p, vertex_credentials: "%1$s"}
				  - model_name: no-project
				    litellm_params: {model: vertex_ai/gemini-2.0-flash, vertex_credentials: "%1$s"}
				""".formatted(projectless), Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("model_list[1].litellm_params.vertex_project: no Google Cloud project")
			.hasMessageContaining("VERTEXAI_PROJECT")
			.hasMessageContaining("svc@x.iam.gserviceaccount.com");
		assertThatThrownBy(() -> target("{}", Map.of())).isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("model_list[0].litellm_params.vertex_project: no Google Cloud project");
	}

	@Test
	void unusableCredentialsStopTheStartNamingWhereTheyCameFromNeverTheKey() throws Exception {
		assertThatThrownBy(() -> target("{vertex_project: p, vertex_credentials: /nowhere/key.json}", Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessage("model_list[0].litellm_params.vertex_credentials: no such file: /nowhere/key.json");
		String broken = account.json().replace("\"client_email\"", "\"client_email\" oops");
		assertThatThrownBy(() -> target("{vertex_project: p}", Map.of("VERTEXAI_CREDENTIALS", broken)))
			.isInstanceOf(ConfigException.class)
			.hasMessage("VERTEXAI_CREDENTIALS: not a service account key file (not JSON)");
		byte[] der = account.keys().getPrivate().getEncoded();
		der[0] = 0;
		String body = java.util.Base64.getEncoder().encodeToString(der);
		ObjectNode badKey = (ObjectNode) JSON.readTree(account.json());
		badKey.put("private_key", "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
		assertThatThrownBy(() -> target("{vertex_project: p}", Map.of("VERTEXAI_CREDENTIALS", badKey.toString())))
			.isInstanceOf(ConfigException.class)
			.hasMessage("VERTEXAI_CREDENTIALS: the private_key of service account " + account.clientEmail()
					+ " is not a readable RSA key")
			.message()
			.doesNotContain(body.substring(0, 12));
		Path user = dir.resolve("authorized-user.json");
		Files.writeString(user, "{\"type\": \"authorized_user\", \"client_id\": \"x\", \"refresh_token\": \"y\"}");
		assertThatThrownBy(() -> target("{vertex_project: p, vertex_credentials: \"" + user + "\"}", Map.of()))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("credentials of type authorized_user are not supported");
	}

	@Test
	void absentCredentialsLeaveTheModelListedAsUnavailable() {
		Deployment none = deployment("{vertex_project: p}", Map.of());
		assertThat(none.missingSetting()).isEqualTo("vertex_credentials");
		assertThatThrownBy(() -> ((VertexSetup) none.setup()).target().block()).isInstanceOf(AuthenticationError.class)
			.hasMessageContaining("GOOGLE_APPLICATION_CREDENTIALS");
		Deployment unset = deployment("{vertex_credentials: os.environ/VERTEX_KEY_JSON}", Map.of());
		assertThat(unset.missingSetting()).isEqualTo("VERTEX_KEY_JSON");
		assertThatThrownBy(() -> ((VertexSetup) unset.setup()).target().block()).isInstanceOf(AuthenticationError.class)
			.hasMessageContaining("VERTEX_KEY_JSON is not set");
		assertThat(deployment("{vertex_credentials: \"" + file + "\"}", Map.of()).missingSetting()).isNull();
	}

	@Test
	void aStoredModelCreatedOnAnEventLoopHasItsFileReadOnAWorkerThreadAtItsFirstCall() throws Exception {
		Path stored = Files.copy(file, dir.resolve("stored.json"));
		VertexSetups setups = new VertexSetups(EnvironmentLookup.of(Map.of()));
		Map<String, Object> settings = Map.of("vertex_credentials", stored.toString());
		VertexSetup setup = (VertexSetup) Mono.fromCallable(() -> setups.setup(settings, "litellm_params", false))
			.subscribeOn(Schedulers.parallel())
			.block();
		String readOn = Mono.defer(setup::target)
			.map((target) -> Thread.currentThread().getName())
			.subscribeOn(Schedulers.parallel())
			.block();
		assertThat(readOn).startsWith("boundedElastic");
		VertexTarget target = setup.target().block();
		assertThat(target.project()).isEqualTo("key-project");
		assertThat(target.account().source()).isEqualTo("litellm_params.vertex_credentials (" + stored + ")");
		Files.delete(stored);
		assertThat(setup.target().block().account()).as("read once, at the first call").isSameAs(target.account());

		Path late = Files.copy(file, dir.resolve("late.json"));
		VertexSetup notYetRead = (VertexSetup) Mono
			.fromCallable(() -> setups.setup(Map.of("vertex_credentials", late.toString()), "litellm_params", false))
			.subscribeOn(Schedulers.parallel())
			.block();
		Files.delete(late);
		assertThatThrownBy(() -> notYetRead.target().block()).as("not read on the event loop that created it")
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("no such file");
	}

	private static VertexTarget target(String params, Map<String, String> environment) {
		return target(deployment(params, environment));
	}

	private static VertexTarget target(Deployment deployment) {
		return ((VertexSetup) deployment.setup()).target().block();
	}

	private static Deployment deployment(String params, Map<String, String> environment) {
		String yaml = "model_list:\n  - model_name: m\n    litellm_params: "
				+ params.replaceFirst("^\\{", "{model: vertex_ai/gemini-2.0-flash, ").replace(", }", "}") + "\n";
		return registry(yaml, environment).find("m").deployments().get(0);
	}

	private static ModelRegistry registry(String yaml, Map<String, String> environment) {
		EnvironmentLookup lookup = EnvironmentLookup.of(new HashMap<>(environment));
		return new ModelRegistry(new ConfigLoader(lookup).parse(yaml, "test"));
	}

}
