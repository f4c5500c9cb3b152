package dev.llmgw.middleware.bedrock;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GuardrailInterventionsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CHAT = "{\"guardrailConfig\":{\"guardrailIdentifier\":\"gr-asked\",\"guardrailVersion\":\"1\","
			+ "\"trace\":\"enabled\"}}";

	@Test
	void onlyTheGuardrailTheCallerAskedForAnswersAsBedrockDoes() {
		JsonNode chat = JSON.readTree(CHAT);
		JsonNode asked = GuardrailInterventions.completion(JSON, chat, 400, refusal("gr-asked"));
		assertThat(asked).isNotNull();
		assertThat(asked.at("/choices/0/finish_reason").asString()).isEqualTo("guardrail_intervened");
		assertThat(asked.at("/choices/0/message/content").asString()).isEqualTo("Sorry.");
		assertThat(asked.at("/trace/guardrail/inputAssessment/gr-asked/topicPolicy").isObject()).isTrue();

		assertThat(GuardrailInterventions.completion(JSON, chat, 400, refusal("gr-default-on")))
			.as("a guardrail on for every call, or the key's, stays an error")
			.isNull();
		assertThat(GuardrailInterventions.completion(JSON, JSON.readTree("{}"), 400, refusal("gr-asked")))
			.as("a caller that asked for no guardrail")
			.isNull();
		assertThat(GuardrailInterventions.completion(JSON, chat, 429, refusal("gr-asked"))).isNull();
		assertThat(GuardrailInterventions.completion(JSON, chat, 400, "not json".getBytes(StandardCharsets.UTF_8)))
			.isNull();
	}

	private static byte[] refusal(String identifier) {
		return ("{\"error\":{\"message\":\"Violated guardrail policy\",\"code\":\"400\",\"provider_specific_fields\":"
				+ "{\"guardrailIdentifier\":\"" + identifier + "\",\"guardrail_mode\":\"pre_call\","
				+ "\"bedrock_guardrail_response\":\"Sorry.\",\"assessments\":[{\"topicPolicy\":{\"topics\":[]}}]}}}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
