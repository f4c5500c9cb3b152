package dev.llmgw.gateway.providers.sagemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI chat request to a TGI container's {@code {"inputs", "parameters"}}, as LiteLLM's
 * SagemakerConfig maps it.
 * <p>
 * The prompt is the messages' texts joined by a space, whatever their roles: LiteLLM's
 * default template for a model it has no template for, which an endpoint name always is,
 * so an existing deployment sees the prompt it saw before. A model that needs its chat
 * template gets it written into the messages, or is better called with
 * {@code sagemaker_chat/}, whose Messages API applies it in the container. Images and
 * other non-text parts are refused: TGI's generate takes text.
 * <p>
 * Parameters: {@code max_tokens} (or {@code max_completion_tokens}) as
 * {@code max_new_tokens}, 0 raised to 1; a {@code temperature} of 0 raised to 0.01, which
 * TGI requires to be positive, unless {@code aws_sagemaker_allow_zero_temp} is set;
 * {@code top_p}; {@code stop} as a list; {@code n} as {@code best_of} with
 * {@code do_sample}. Any parameter that is not OpenAI's ({@code top_k},
 * {@code repetition_penalty}, {@code details}, ...) goes into {@code parameters} as
 * given, the deployment's defaults included; OpenAI parameters TGI cannot take (tools,
 * response_format, seed, ...) are refused unless drop_params is set.
 */
final class OpenAiToTgiTranslator {

	/** OpenAI chat parameters that TGI's generate has no place for. */
	static final Set<String> UNSUPPORTED = Set.of("tools", "tool_choice", "functions", "function_call",
			"response_format", "seed", "logprobs", "top_logprobs", "logit_bias", "presence_penalty",
			"frequency_penalty", "reasoning_effort", "modalities", "audio", "prediction", "web_search_options");

	/** Sent by OpenAI clients by default, or steering the gateway: never parameters. */
	private static final Set<String> NOT_PARAMETERS = Set.of("n", "stream_options", "user", "parallel_tool_calls",
			"store", "service_tier", "aws_sagemaker_allow_zero_temp", "max_tokens", "max_completion_tokens",
			"temperature", "stop", "top_p", "model", "messages", "stream");

	private static final double SMALLEST_TEMPERATURE = 0.01;

	TgiRequest translate(ChatCompletionRequest request, Deployment deployment, boolean stream) {
		check(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		Map<String, Object> parameters = new LinkedHashMap<>();
		Object maxTokens = first(request.maxCompletionTokens(), request.maxTokens(),
				defaults.get("max_completion_tokens"), defaults.get("max_tokens"));
		if (maxTokens instanceof Number number) {
			parameters.put("max_new_tokens", Math.max(1, number.intValue()));
		}
		Object temperature = first(request.temperature(), defaults.get("temperature"));
		if (temperature instanceof Number number) {
			boolean allowZero = Boolean.TRUE.equals(deployment.params()
				.providerSettings()
				.getOrDefault("aws_sagemaker_allow_zero_temp", defaults.get("aws_sagemaker_allow_zero_temp")));
			parameters.put("temperature",
					(number.doubleValue() <= 0 && !allowZero) ? SMALLEST_TEMPERATURE : number.doubleValue());
		}
		Object topP = first(request.extra().get("top_p"), defaults.get("top_p"));
		if (topP != null) {
			parameters.put("top_p", topP);
		}
		Object stop = first(request.extra().get("stop"), defaults.get("stop"));
		if (stop != null) {
			parameters.put("stop", (stop instanceof List<?>) ? stop : List.of(stop.toString()));
		}
		Object n = first(request.extra().get("n"), defaults.get("n"));
		if (n instanceof Number count) {
			parameters.put("best_of", count.intValue());
			parameters.put("do_sample", true);
		}
		passThrough(defaults, parameters);
		passThrough(request.extra(), parameters);
		return new TgiRequest(prompt(request), parameters, stream ? Boolean.TRUE : null);
	}

	/**
	 * The prompt LiteLLM's default template makes: each message's text, joined by a
	 * space.
	 */
	static String prompt(ChatCompletionRequest request) {
		List<ChatMessage> messages = (request.messages() != null) ? request.messages() : List.of();
		List<String> texts = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			ChatMessage message = messages.get(i);
			if (message.content() instanceof List<?> parts) {
				for (Object part : parts) {
					if (part instanceof Map<?, ?> map && !"text".equals(map.get("type"))) {
						throw new BadRequestError("sagemaker (TGI) takes text only: messages[" + i + "] has a '"
								+ map.get("type") + "' part; use sagemaker_chat/ for a multimodal container", null,
								"messages");
					}
				}
			}
			String text = message.text();
			if (!text.isEmpty()) {
				texts.add(text);
			}
		}
		return String.join(" ", texts);
	}

	/**
	 * Refuses OpenAI parameters TGI cannot take, with the message of
	 * {@link ParamSupport}, unless the deployment drops them.
	 */
	private static void check(ChatCompletionRequest request, Deployment deployment) {
		if (deployment.dropParams()) {
			return;
		}
		List<String> unsupported = new ArrayList<>();
		if (request.tools() != null) {
			unsupported.add("tools");
		}
		if (request.toolChoice() != null) {
			unsupported.add("tool_choice");
		}
		if (request.responseFormat() != null) {
			unsupported.add("response_format");
		}
		for (String name : request.extra().keySet()) {
			if (UNSUPPORTED.contains(name)) {
				unsupported.add(name);
			}
		}
		if (!unsupported.isEmpty()) {
			throw new BadRequestError("litellm.UnsupportedParamsError: sagemaker does not support parameters: "
					+ unsupported + ", for model=" + deployment.providerModel()
					+ ". To drop these, set `drop_params: true` in the deployment's litellm_params or in litellm_settings",
					null, unsupported.get(0));
		}
	}

	/**
	 * TGI's own parameters, and any other the caller or the deployment names, as given.
	 */
	private static void passThrough(Map<String, ? extends @Nullable Object> fields, Map<String, Object> parameters) {
		for (Map.Entry<String, ? extends @Nullable Object> field : fields.entrySet()) {
			String name = field.getKey();
			if (field.getValue() != null && !NOT_PARAMETERS.contains(name) && !UNSUPPORTED.contains(name)
					&& !ParamSupport.GATEWAY_ONLY_FIELDS.contains(name)) {
				parameters.put(name, field.getValue());
			}
		}
	}

	private static @Nullable Object first(@Nullable Object... values) {
		for (Object value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
