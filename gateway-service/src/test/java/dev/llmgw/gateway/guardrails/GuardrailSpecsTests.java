package dev.llmgw.gateway.guardrails;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.providers.bedrock.BedrockClients;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A guardrail the gateway cannot run stops the start, naming it. */
class GuardrailSpecsTests {

	@Test
	void readsLiteLlmsFields() {
		List<GuardrailSpec> specs = GuardrailSpecs.parse(List.of(Map.of("guardrail_name", "g", "litellm_params",
				Map.of("guardrail", "bedrock", "mode", List.of("PRE_CALL", "post_call"), "default_on", "true",
						"fail_on_error", false, "timeout", 2.5, "guardrailIdentifier", "id", "guardrailVersion",
						"1"))));
		GuardrailSpec spec = specs.get(0);
		assertThat(spec.modes()).containsExactlyInAnyOrder(GuardrailSpec.Mode.PRE_CALL, GuardrailSpec.Mode.POST_CALL);
		assertThat(spec.defaultOn()).isTrue();
		assertThat(spec.failOpen()).isTrue();
		assertThat(spec.timeout().toMillis()).isEqualTo(2500);
		assertThat(GuardrailSpecs
			.parse(List
				.of(Map.of("guardrail_name", "f", "litellm_params", Map.of("guardrail", "litellm_content_filter"))))
			.get(0)
			.modes()).as("LiteLLM's default mode").containsExactly(GuardrailSpec.Mode.PRE_CALL);
	}

	@Test
	void namesWhatItAcceptsButDoesNotRead() {
		assertThat(GuardrailSpecs.unused(parse(Map.of("guardrail", "bedrock", "guardrailIdentifier", "g",
				"guardrailVersion", "1", "aws_region_name", "us-east-1", "mask_request_content", true,
				"disable_exception_on_block", true, "aws_web_identity_token", "t"))))
			.containsExactly("aws_web_identity_token", "disable_exception_on_block");
		assertThat(GuardrailSpecs.unused(parse(Map.of("guardrail", "litellm_content_filter", "blocked_words", List.of(),
				"blocked_words_file", "/words.yaml"))))
			.containsExactly("blocked_words_file");
		assertThatThrownBy(() -> parse(Map.of("guardrail", "bedrock", "mask_response_content", "sometimes")))
			.hasMessageContaining("mask_response_content");
	}

	@Test
	void refusesWhatItCannotRun() {
		assertThatThrownBy(() -> parse(Map.of("guardrail", "aporia"))).isInstanceOf(ConfigException.class)
			.hasMessageContaining("guardrails[0].litellm_params.guardrail");
		assertThatThrownBy(() -> parse(Map.of("guardrail", "bedrock", "mode", "logging_only")))
			.hasMessageContaining("logging_only");
		assertThatThrownBy(() -> parse(Map.of("guardrail", "bedrock", "timeout", -1))).hasMessageContaining("timeout");
		assertThatThrownBy(() -> GuardrailSpecs.parse(List.of(
				Map.of("guardrail_name", "a", "litellm_params", Map.of("guardrail", "litellm_content_filter")),
				Map.of("guardrail_name", "a", "litellm_params", Map.of("guardrail", "litellm_content_filter")))))
			.hasMessageContaining("defined twice");
		JsonMapper mapper = JsonMapper.builder().build();
		try (BedrockClients clients = new BedrockClients(EnvironmentLookup.of(Map.of()));
				ApplyGuardrailClient http = new ApplyGuardrailClient(mapper)) {
			assertThatThrownBy(() -> new BedrockGuardrail(parse(Map.of("guardrail", "bedrock")), clients, http, mapper))
				.hasMessageContaining("guardrailIdentifier");
		}
		assertThatThrownBy(() -> new ContentFilter(parse(Map.of("guardrail", "litellm_content_filter"))))
			.hasMessageContaining("patterns or blocked_words");
		assertThatThrownBy(() -> new ContentFilter(parse(Map.of("guardrail", "litellm_content_filter", "patterns",
				List.of(Map.of("pattern_type", "prebuilt", "pattern_name", "nope"))))))
			.hasMessageContaining("no prebuilt pattern nope");
		assertThatThrownBy(() -> new ContentFilter(parse(Map.of("guardrail", "litellm_content_filter", "patterns",
				List.of(Map.of("pattern_type", "regex", "pattern", "(unclosed"))))))
			.hasMessageContaining("not a regular expression");
	}

	@Test
	void theContentFilterMasksEveryMatchAndBlocksOnTheFirstBlockingRule() {
		ContentFilter filter = new ContentFilter(parse(Map.of("guardrail", "litellm_content_filter", "patterns",
				List.of(Map.of("pattern_type", "prebuilt", "pattern_name", "email", "action", "MASK"),
						Map.of("pattern_type", "regex", "pattern", "\\bproject-\\d+\\b", "name", "project", "action",
								"MASK")),
				"blocked_words", List.of(Map.of("keyword", "Top Secret", "action", "BLOCK")))));
		Guardrail.Verdict masked = filter
			.check(Guardrail.Source.INPUT, List.of("a@b.co and c@d.org on PROJECT-12", "clean"))
			.block();
		assertThat(masked.action()).isEqualTo(Guardrail.Action.MASK);
		assertThat(masked.texts()).containsExactly("[EMAIL_REDACTED] and [EMAIL_REDACTED] on [PROJECT_REDACTED]",
				"clean");
		Guardrail.Verdict blocked = filter.check(Guardrail.Source.OUTPUT, List.of("this is top secret")).block();
		assertThat(blocked.action()).isEqualTo(Guardrail.Action.BLOCK);
		assertThat(blocked.message()).isEqualTo("Content blocked: keyword 'Top Secret' detected");
		assertThat(filter.check(Guardrail.Source.INPUT, List.of("nothing here")).block().action())
			.isEqualTo(Guardrail.Action.PASS);
	}

	private static GuardrailSpec parse(Map<String, Object> params) {
		return GuardrailSpecs.parse(List.of(Map.of("guardrail_name", "g", "litellm_params", params))).get(0);
	}

}
