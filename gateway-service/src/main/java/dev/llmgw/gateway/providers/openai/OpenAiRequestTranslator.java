package dev.llmgw.gateway.providers.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.TypedDefaults;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.StreamOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI request to an OpenAI-compatible provider's request: the deployment's model id,
 * its default parameters where the caller set none, no gateway-only fields, and for
 * streams a request for usage, which spend tracking needs whether or not the caller asked
 * for it (the relay hides the usage chunk again if the caller did not).
 */
public final class OpenAiRequestTranslator {

	static final Set<String> GATEWAY_ONLY_FIELDS = ParamSupport.GATEWAY_ONLY_FIELDS;

	private final JsonMapper mapper;

	public OpenAiRequestTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public byte[] toProviderBody(ChatCompletionRequest request, Deployment deployment, boolean askForUsage) {
		ChatCompletionRequest translated = TypedDefaults.apply(withDefaults(request, deployment.defaults()), deployment)
			.withModel(deployment.providerModel());
		if (askForUsage && request.isStream() && !request.wantsUsageInStream()) {
			StreamOptions options = request.streamOptions();
			Map<String, @Nullable Object> extra = (options != null) ? options.extra() : new LinkedHashMap<>();
			translated = translated.withStreamOptions(new StreamOptions(true, extra));
		}
		return this.mapper.writeValueAsBytes(translated);
	}

	private static ChatCompletionRequest withDefaults(ChatCompletionRequest request, Map<String, Object> defaults) {
		boolean strip = false;
		for (String field : request.extra().keySet()) {
			if (GATEWAY_ONLY_FIELDS.contains(field)) {
				strip = true;
				break;
			}
		}
		if (defaults.isEmpty() && !strip) {
			return request;
		}
		Map<String, @Nullable Object> extra = new LinkedHashMap<>(request.extra());
		extra.keySet().removeAll(GATEWAY_ONLY_FIELDS);
		Integer maxTokens = request.maxTokens();
		Integer maxCompletionTokens = request.maxCompletionTokens();
		Double temperature = request.temperature();
		for (Map.Entry<String, Object> entry : defaults.entrySet()) {
			Object value = entry.getValue();
			switch (entry.getKey()) {
				case "max_tokens" -> maxTokens = (maxTokens != null) ? maxTokens : asInteger(value, maxTokens);
				case "max_completion_tokens" -> maxCompletionTokens = (maxCompletionTokens != null)
						? maxCompletionTokens : asInteger(value, maxCompletionTokens);
				case "temperature" -> temperature = (temperature != null) ? temperature : asDouble(value, temperature);
				case "model", "messages", "stream", "stream_options", "user" -> {
					// the caller's own choice; a deployment default never overrides these
				}
				case "tools", "tool_choice", "response_format" -> {
					// typed: TypedDefaults fills them
				}
				default -> extra.putIfAbsent(entry.getKey(), value);
			}
		}
		return new ChatCompletionRequest(request.model(), request.messages(), request.stream(), request.streamOptions(),
				maxTokens, maxCompletionTokens, temperature, request.user(), request.tools(), request.toolChoice(),
				request.responseFormat(), extra);
	}

	private static @Nullable Integer asInteger(Object value, @Nullable Integer fallback) {
		if (value instanceof Number number) {
			return number.intValue();
		}
		try {
			return Integer.valueOf(String.valueOf(value).trim());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static @Nullable Double asDouble(Object value, @Nullable Double fallback) {
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		try {
			return Double.valueOf(String.valueOf(value).trim());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
