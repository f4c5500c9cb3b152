package dev.llmgw.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTests {

	private static final Path ORIGINAL_CONFIGS = Path.of("../../shared/data/original-config");

	private final ConfigLoader loader = new ConfigLoader(
			EnvironmentLookup.of(Map.of("OPENAI_KEY", "sk-from-env", "RPM", "300", "REDIS_HOST", "127.0.0.1")));

	static Stream<Path> originalConfigs() throws IOException {
		assertThat(ORIGINAL_CONFIGS).as("shared/ must sit beside the repository").isDirectory();
		return Files.list(ORIGINAL_CONFIGS).filter((path) -> path.toString().endsWith(".yaml")).sorted();
	}

	@ParameterizedTest
	@MethodSource("originalConfigs")
	void loadsEveryConfigOfTheOriginal(Path path) {
		GatewayConfig config = this.loader.load(path);
		assertThat(config.warnings()).noneMatch((warning) -> warning.startsWith("unknown key"));
		if (path.getFileName().toString().equals("default-config-base.yaml")) {
			assertThat(config.modelList()).hasSizeGreaterThan(40);
			assertThat(config.routerSettings().routingStrategy()).isEqualTo("usage-based-routing-v2");
			assertThat(config.routerSettings().enablePreCallCheck()).isTrue();
			assertThat(config.litellmSettings().budgetDuration()).isEqualTo(BudgetDuration.parse("1mo"));
			assertThat(config.litellmSettings().maxBudget()).isEqualTo(1_000_000_000.0);
			assertThat(config.litellmSettings().successCallback()).containsExactly("s3");
			assertThat(config.environment().get("STORE_MODEL_IN_DB")).isEqualTo("True");
		}
		if (path.getFileName().toString().startsWith("default-config-us-east-1")) {
			assertThat(config.modelList()).isNotEmpty()
				.allSatisfy((entry) -> assertThat(entry.params().provider()).isEqualTo("bedrock"));
		}
	}

	@Test
	void readsDeploymentParamsAndSubstitutesEnvironment() {
		GatewayConfig config = this.loader.parse("""
				model_list:
				  - model_name: gpt-4o
				    litellm_params:
				      model: openai/gpt-4o
				      api_key: os.environ/OPENAI_KEY
				      rpm: os.environ/RPM
				      timeout: 12.5
				      temperature: 0.2
				      aws_access_key_id: not-a-request-param
				      extra_headers: {x-team: blue}
				    model_info:
				      id: dep-1
				      max_input_tokens: 128000
				      supports_vision: true
				""", "test");
		DeploymentConfig entry = config.modelList().get(0);
		assertThat(entry.params().apiKey()).isEqualTo("sk-from-env");
		assertThat(entry.params().rpm()).isEqualTo(300);
		assertThat(entry.params().timeoutSeconds()).isEqualTo(12.5);
		assertThat(entry.params().defaults()).containsOnly(Map.entry("temperature", 0.2));
		assertThat(entry.params().extraHeaders()).containsEntry("x-team", "blue");
		assertThat(entry.params().provider()).isEqualTo("openai");
		assertThat(entry.params().providerModel()).isEqualTo("gpt-4o");
		assertThat(entry.modelInfo().id()).isEqualTo("dep-1");
		assertThat(entry.modelInfo().maxInputTokens()).isEqualTo(128000);
		assertThat(entry.modelInfo().other()).containsEntry("supports_vision", true);
		assertThat(config.warnings()).isEmpty();
	}

	@Test
	void wrongTypeFailsNamingPathAndValue() {
		assertThatThrownBy(() -> this.loader.load(Path.of("src/test/resources/configs/bad-rpm.yaml")))
			.isInstanceOf(ConfigException.class)
			.hasMessage("model_list[1].litellm_params.rpm: expected integer, got \"fast\"");
		assertThatThrownBy(() -> this.loader.parse("model_list: {a: 1}", "t")).hasMessageContaining("model_list");
		assertThatThrownBy(() -> this.loader.parse("router_settings:\n  routing_strategy: fastest\n", "t"))
			.hasMessageStartingWith("router_settings.routing_strategy: expected one of");
		assertThatThrownBy(() -> this.loader.parse("general_settings:\n  max_request_size_mb: -1\n", "t"))
			.hasMessageStartingWith("general_settings.max_request_size_mb");
		assertThatThrownBy(() -> this.loader.parse("model_list:\n  - model_name: x\n    litellm_params: {}\n", "t"))
			.hasMessage("model_list[0].litellm_params.model: required (e.g. openai/gpt-4o)");
		assertThatThrownBy(() -> this.loader.parse("model_list: [\n", "t")).hasMessageContaining("not valid YAML");
	}

	@Test
	void theBudgetTimezoneIsReadAndABadOneStopsTheStart() {
		assertThat(
				this.loader.parse("litellm_settings:\n  timezone: Asia/Kolkata\n", "t").litellmSettings().budgetZone())
			.isEqualTo(java.time.ZoneId.of("Asia/Kolkata"));
		assertThat(this.loader.parse("litellm_settings: {}\n", "t").litellmSettings().budgetZone())
			.isEqualTo(java.time.ZoneOffset.UTC);
		assertThatThrownBy(() -> this.loader.parse("litellm_settings:\n  timezone: Mars/Olympus\n", "t"))
			.isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("litellm_settings.timezone: \"Mars/Olympus\" is not a time zone");
	}

	@Test
	void badDurationFailsNamingTheValue() {
		assertThatThrownBy(() -> this.loader.parse("litellm_settings:\n  budget_duration: 1week\n", "t"))
			.isInstanceOf(ConfigException.class)
			.hasMessageStartingWith("litellm_settings.budget_duration: invalid duration \"1week\"");
	}

	@Test
	void keysThatChangeNothingYetAreNamedNotTakenSilently() {
		GatewayConfig config = this.loader.parse("""
				model_list:
				  - model_name: m
				    litellm_params: {model: openai/gpt-4o, api_key: k}
				router_settings:
				  polling_interval: 5
				  redis_host: os.environ/REDIS_HOST_FOR_NOTHING
				litellm_settings:
				  modify_params: true
				  max_end_user_budget: 5
				general_settings:
				  ui_access_mode: admin_only
				  master_key: sk-1234
				""", "t");
		assertThat(config.warnings()).contains(
				"router_settings.polling_interval is accepted for LiteLLM compatibility but has no effect in this gateway yet",
				"litellm_settings.modify_params is accepted for LiteLLM compatibility but has no effect in this gateway yet",
				"general_settings.ui_access_mode is accepted for LiteLLM compatibility but has no effect in this gateway yet");
		assertThat(config.warnings())
			.noneMatch((warning) -> warning.startsWith("router_settings.redis_host is accepted"))
			.noneMatch((warning) -> warning.startsWith("general_settings.master_key"))
			.noneMatch((warning) -> warning.startsWith("litellm_settings.max_end_user_budget"));
	}

	@Test
	void restrictionsTheGatewayDoesNotEnforceStopTheStart() {
		assertThatThrownBy(() -> this.loader.parse("general_settings: {enforce_user_param: true}\n", "t"))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("enforce_user_param");
		assertThat(this.loader.parse("general_settings: {enforce_user_param: false}\n", "t").warnings()).isEmpty();
	}

	@Test
	void proxyRouteSettingsAndTheParallelLimitAreRead() {
		GeneralSettings general = this.loader.parse("""
				general_settings:
				  allowed_routes: [/v1/chat/completions]
				  public_routes: [/v1/models, /public/*]
				  admin_only_routes: [/key/generate]
				  max_parallel_requests: 50
				  global_max_parallel_requests: 20
				""", "t").generalSettings();
		assertThat(general.allowedRoutes()).containsExactly("/v1/chat/completions");
		assertThat(general.publicRoutes()).containsExactly("/v1/models", "/public/*");
		assertThat(general.adminOnlyRoutes()).containsExactly("/key/generate");
		assertThat(general.maxParallelRequests()).as("the lower of the two").isEqualTo(20);
		assertThat(this.loader.parse("general_settings: {global_max_parallel_requests: 7}\n", "t")
			.generalSettings()
			.maxParallelRequests()).isEqualTo(7);
		assertThatThrownBy(() -> this.loader.parse("general_settings: {public_routes: [v1/models]}\n", "t"))
			.hasMessageContaining("general_settings.public_routes[0]: expected a route starting with /");
		assertThatThrownBy(() -> this.loader.parse("general_settings: {global_max_parallel_requests: 0}\n", "t"))
			.hasMessageContaining("general_settings.global_max_parallel_requests: expected a positive integer");
	}

	@Test
	void unknownKeysAndUnsetVariablesWarnByPath() {
		GatewayConfig config = this.loader.parse("""
				model_list:
				  - model_name: m
				    litellm_params:
				      model: groq/llama
				      api_key: os.environ/GROQ_KEY_NOT_SET
				    extra_thing: 1
				router_settings:
				  routing_strategy: least-busy
				  redis_port: os.environ/REDIS_PORT_NOT_SET
				  shuffle_harder: true
				mystery_section: {}
				""", "t");
		assertThat(config.warnings()).containsExactlyInAnyOrder("unknown key mystery_section (ignored)",
				"unknown key model_list[0].extra_thing (ignored)",
				"unknown key router_settings.shuffle_harder (ignored)",
				"model_list[0].litellm_params.api_key: environment variable GROQ_KEY_NOT_SET is not set",
				"router_settings.redis_port: environment variable REDIS_PORT_NOT_SET is not set");
		assertThat(config.modelList().get(0).params().apiKey()).isEqualTo("os.environ/GROQ_KEY_NOT_SET");
	}

	@Test
	void environmentVariablesSectionOverridesTheProcessEnvironment() {
		GatewayConfig config = this.loader.parse("""
				environment_variables:
				  OPENAI_KEY: sk-from-config
				model_list:
				  - model_name: m
				    litellm_params: {model: openai/m, api_key: os.environ/OPENAI_KEY}
				""", "t");
		assertThat(config.modelList().get(0).params().apiKey()).isEqualTo("sk-from-config");
	}

	@Test
	void masterKeyFromConfigElseEnvironment() {
		assertThat(this.loader.parse("general_settings: {master_key: sk-cfg}", "t").masterKey()).isEqualTo("sk-cfg");
		ConfigLoader withEnv = new ConfigLoader(EnvironmentLookup.of(Map.of("LITELLM_MASTER_KEY", "sk-env")));
		assertThat(withEnv.parse("general_settings: {master_key: os.environ/UNSET_VAR}", "t").masterKey())
			.isEqualTo("sk-env");
		assertThat(this.loader.parse("{}", "t").masterKey()).isNull();
	}

	@Test
	void fallbacksAndAliases() {
		GatewayConfig config = this.loader.parse("""
				router_settings:
				  fallbacks: [{"gpt-4o": ["gpt-4o-mini", "claude"]}]
				  default_fallbacks: ["gpt-4o-mini"]
				  model_group_alias: {"gpt-4": "gpt-4o"}
				""", "t");
		assertThat(config.routerSettings().fallbacks()).containsEntry("gpt-4o", List.of("gpt-4o-mini", "claude"));
		assertThat(config.routerSettings().defaultFallbacks()).containsExactly("gpt-4o-mini");
		assertThat(config.routerSettings().modelGroupAlias()).containsEntry("gpt-4", "gpt-4o");
	}

	@Test
	void cacheSettingsAreReadAsLiteLlmReadsThem() {
		CacheSettings off = this.loader.parse("litellm_settings: {}\n", "t").litellmSettings().cache();
		assertThat(off.enabled()).isFalse();
		CacheSettings redis = this.loader.parse("litellm_settings:\n  cache: true\n", "t").litellmSettings().cache();
		assertThat(redis.enabled()).isTrue();
		assertThat(redis.type()).as("no cache_params: Redis from REDIS_*").isEqualTo("redis");
		assertThat(redis.mode()).isEqualTo("default_on");
		assertThat(redis.scope()).isEqualTo("shared");
		CacheSettings local = this.loader.parse("""
				litellm_settings:
				  cache: true
				  cache_params:
				    ttl: 30
				    namespace: team-x
				    mode: default_off
				    supported_call_types: [acompletion, aembedding]
				    max_size_in_memory: 50
				    scope: team
				""", "t").litellmSettings().cache();
		assertThat(local.type()).as("cache_params without a type: LiteLLM's default").isEqualTo("local");
		assertThat(local.ttl()).isEqualTo(30.0);
		assertThat(local.namespace()).isEqualTo("team-x");
		assertThat(local.mode()).isEqualTo("default_off");
		assertThat(local.supportedCallTypes()).containsExactly("acompletion", "aembedding");
		assertThat(local.maxSizeInMemory()).isEqualTo(50);
		assertThat(local.scope()).isEqualTo("team");
		CacheSettings unset = this.loader
			.parse("""
					litellm_settings:
					  cache: true
					  cache_params: {type: redis, host: os.environ/NOT_SET_HOST, password: os.environ/NOT_SET_PW, port: "6380"}
					""",
					"t")
			.litellmSettings()
			.cache();
		assertThat(unset.host()).as("an unset variable is no host").isNull();
		assertThat(unset.password()).isNull();
		assertThat(unset.port()).isEqualTo(6380);
		CacheSettings cluster = this.loader.parse("""
				litellm_settings:
				  cache: true
				  cache_params:
				    type: redis
				    redis_startup_nodes: [{host: 10.0.0.1, port: "7000"}, {host: 10.0.0.2}]
				""", "t").litellmSettings().cache();
		assertThat(cluster.startupNodes()).containsExactly(new CacheSettings.HostPort("10.0.0.1", 7000),
				new CacheSettings.HostPort("10.0.0.2", 6379));
	}

	@Test
	void cacheSettingsTheGatewayCannotHonourStopTheStartNamingTheKey() {
		Map<String, String> cases = Map.of("{type: redis-semantic}", "litellm_settings.cache_params.type",
				"{mode: sometimes}", "litellm_settings.cache_params.mode", "{ttl: -5}",
				"litellm_settings.cache_params.ttl", "{supported_call_types: [chat]}",
				"litellm_settings.cache_params.supported_call_types", "{scope: everyone}",
				"litellm_settings.cache_params.scope", "{max_size_in_memory: 0}",
				"litellm_settings.cache_params.max_size_in_memory", "{redis_startup_nodes: [{port: 1}]}",
				"litellm_settings.cache_params.redis_startup_nodes[0].host");
		for (Map.Entry<String, String> bad : cases.entrySet()) {
			assertThatThrownBy(() -> this.loader
				.parse("litellm_settings:\n  cache: true\n  cache_params: " + bad.getKey() + "\n", "t"))
				.as(bad.getKey())
				.isInstanceOf(ConfigException.class)
				.hasMessageStartingWith(bad.getValue());
		}
		assertThat(this.loader.parse("litellm_settings:\n  cache_params: {type: redis-semantic, foo: 1}\n", "t")
			.warnings()).contains("unknown key litellm_settings.cache_params.foo (ignored)");
	}

	@Test
	void headersAndExtraHeadersAreBothSentExtraHeadersWinningANameBothSet() {
		GatewayConfig config = this.loader.parse("""
				model_list:
				  - model_name: m
				    litellm_params:
				      model: openai/m
				      headers: {x-team: red, x-org: acme}
				      extra_headers: {x-team: blue}
				""", "t");
		assertThat(config.modelList().get(0).params().extraHeaders()).containsEntry("x-team", "blue")
			.containsEntry("x-org", "acme")
			.hasSize(2);
		assertThat(config.warnings()).noneMatch((warning) -> warning.contains("headers"));
	}

	@Test
	void aCredentialFillsWhatTheEntryLeavesUnsetAndAnUnknownNameStopsTheStart() {
		GatewayConfig config = this.loader.parse(
				"""
						credential_list:
						  - credential_name: shared-openai
						    credential_values:
						      api_key: os.environ/OPENAI_KEY
						      api_base: https://shared.example.com/v1
						    credential_info: {description: the team's key}
						model_list:
						  - model_name: a
						    litellm_params: {model: openai/a, litellm_credential_name: shared-openai}
						  - model_name: b
						    litellm_params: {model: openai/b, litellm_credential_name: shared-openai, api_base: https://own.example.com}
						""",
				"t");
		assertThat(config.modelList().get(0).params().apiKey()).isEqualTo("sk-from-env");
		assertThat(config.modelList().get(0).params().apiBase()).isEqualTo("https://shared.example.com/v1");
		assertThat(config.modelList().get(1).params().apiKey()).isEqualTo("sk-from-env");
		assertThat(config.modelList().get(1).params().apiBase()).as("the entry's own value wins")
			.isEqualTo("https://own.example.com");
		assertThat(config.credentials().toString()).isEqualTo("Credentials[shared-openai]").doesNotContain("sk-");
		assertThatThrownBy(() -> this.loader.parse("""
				model_list:
				  - model_name: a
				    litellm_params: {model: openai/a, litellm_credential_name: typo}
				""", "t")).hasMessage(
				"model_list[0].litellm_params.litellm_credential_name: no credential named \"typo\" in credential_list");
		assertThatThrownBy(() -> this.loader.parse("credential_list: [{credential_values: {}}]\n", "t"))
			.hasMessage("credential_list[0].credential_name: required");
		assertThatThrownBy(() -> this.loader
			.parse("credential_list: [{credential_name: x, credential_values: {api_key: [1]}}]\n", "t"))
			.hasMessageContaining("credential_list[0].credential_values.api_key: expected a string");
	}

	@Test
	void litellmParamsBaseModelWinsOverModelInfos() {
		GatewayConfig config = this.loader.parse("""
				model_list:
				  - model_name: a
				    litellm_params: {model: azure/my-deployment, base_model: azure/gpt-4o}
				    model_info: {base_model: azure/gpt-35-turbo}
				  - model_name: b
				    litellm_params: {model: azure/other}
				    model_info: {base_model: azure/gpt-35-turbo}
				""", "t");
		assertThat(config.modelList().get(0).modelInfo().baseModel()).isEqualTo("azure/gpt-4o");
		assertThat(config.modelList().get(1).modelInfo().baseModel()).isEqualTo("azure/gpt-35-turbo");
	}

	@Test
	void locateFailsForAMissingExplicitFile() {
		assertThatThrownBy(() -> ConfigLoader.locate("/no/such/config.yaml")).isInstanceOf(ConfigException.class)
			.hasMessageContaining("CONFIG_FILE_PATH");
	}

}
