package dev.llmgw.model.openai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionRequestTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void unknownFieldsSurviveARoundTrip() {
		String json = """
				{"model":"gpt-4o","messages":[{"role":"user","content":"hi","cache_control":{"type":"ephemeral"}}],\
				"seed":7,"response_format":{"type":"json_object"},"stream":true,"stream_options":{"include_usage":true,"x":1}}""";
		ChatCompletionRequest request = this.mapper.readValue(json, ChatCompletionRequest.class);
		assertThat(request.model()).isEqualTo("gpt-4o");
		assertThat(request.isStream()).isTrue();
		assertThat(request.wantsUsageInStream()).isTrue();
		assertThat(request.extra()).containsEntry("seed", 7).doesNotContainKey("response_format");
		assertThat(request.responseFormat().type()).isEqualTo(ResponseFormat.JSON_OBJECT);
		assertThat(request.messages().get(0).extra()).containsKey("cache_control");
		String written = this.mapper.writeValueAsString(request.withModel("gpt-4o-2024-08-06"));
		Map<String, Object> back = this.mapper.readValue(written,
				new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
				});
		assertThat(back.get("model")).isEqualTo("gpt-4o-2024-08-06");
		assertThat(back.get("seed")).isEqualTo(7);
		assertThat(back.get("response_format")).isEqualTo(Map.of("type", "json_object"));
		assertThat(back.get("stream_options")).isEqualTo(Map.of("include_usage", true, "x", 1));
		assertThat(((List<?>) back.get("messages")).get(0))
			.isEqualTo(Map.of("role", "user", "content", "hi", "cache_control", Map.of("type", "ephemeral")));
		assertThat(back).doesNotContainKeys("max_tokens", "temperature", "user");
	}

	@Test
	void typedToolsKeepWhatTheyDoNotName() {
		String json = """
				{"tools":[{"type":"function","function":{"name":"f","parameters":null,"x":1},"cache_control":{"a":2}},\
				{"type":"web_search_preview","search_context_size":"low"}],\
				"tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto"}},\
				"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"},"y":3}}}""";
		ChatCompletionRequest request = this.mapper.readValue(json, ChatCompletionRequest.class);
		assertThat(request.tools().get(0).isFunction()).isTrue();
		assertThat(request.tools().get(1).isFunction()).isFalse();
		assertThat(request.tools().get(1).name()).isNull();
		assertThat(request.toolChoice().type()).isEqualTo("allowed_tools");
		assertThat(request.toolChoice().isFunction()).isFalse();
		assertThat(request.responseFormat().schema()).isEqualTo(Map.of("type", "object"));
		String written = this.mapper.writeValueAsString(request);
		// the only difference: an explicit null is left out, as for every other field
		assertThat(this.mapper.readTree(written))
			.isEqualTo(this.mapper.readTree(json.replace("\"parameters\":null,", "")));
		assertThat(this.mapper.readValue(written, ChatCompletionRequest.class)).isEqualTo(request);
	}

	@Test
	void textOfContentParts() {
		String json = """
				{"role":"user","content":[{"type":"text","text":"a b"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"c"}]}""";
		ChatMessage message = this.mapper.readValue(json, ChatMessage.class);
		assertThat(message.text()).isEqualTo("a b c");
		assertThat(ChatMessage.of("user", "plain").text()).isEqualTo("plain");
	}

	@Test
	void usageEnvelopeReadsUsageAndIgnoresTheRest() {
		UsageEnvelope envelope = this.mapper.readValue(
				"{\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7,\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
				UsageEnvelope.class);
		assertThat(envelope.hasChoices()).isFalse();
		assertThat(envelope.usage().totalTokens()).isEqualTo(7);
		assertThat(envelope.usage().extra()).containsKey("prompt_tokens_details");
	}

}
