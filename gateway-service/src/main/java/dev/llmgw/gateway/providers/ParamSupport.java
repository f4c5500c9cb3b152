package dev.llmgw.gateway.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.model.openai.ChatCompletionRequest;

/**
 * Which OpenAI parameters a provider's translator maps. Any other parameter is refused
 * with a 400 naming it, as LiteLLM's UnsupportedParamsError does, unless the deployment
 * drops unsupported parameters; then the translator simply leaves it out.
 */
public final class ParamSupport {

	/**
	 * Fields that steer the gateway itself (LiteLLM's proxy params); a provider would
	 * reject or misuse them, so they are never sent and never refused.
	 */
	public static final Set<String> GATEWAY_ONLY_FIELDS = Set.of("metadata", "litellm_metadata", "guardrails",
			"priority", "mock_response", "caching", "cache", "fallbacks", "context_window_fallbacks", "num_retries",
			"tags", "api_key", "api_base", "base_url", "litellm_logging_obj", "proxy_server_request", "enable_history",
			"session_id", "drop_params", "timeout", "stream_timeout", "promptVariables", "extra_body",
			"guardrailConfig", "no-log", "turn_off_message_logging", "litellm_session_id", "litellm_trace_id",
			"spend_logs_metadata");

	/** Harmless everywhere: OpenAI clients send them by default. */
	private static final Set<String> ALWAYS_ACCEPTED = Set.of("n", "stream_options", "user", "parallel_tool_calls",
			"store", "service_tier");

	private final String provider;

	private final Set<String> supported;

	public ParamSupport(String provider, Set<String> supported) {
		this.provider = provider;
		this.supported = supported;
	}

	public boolean supports(String parameter) {
		return this.supported.contains(parameter);
	}

	/**
	 * @param request the caller's request
	 * @param deployment the deployment, whose drop_params decides
	 * @throws BadRequestError naming the parameters the provider cannot take
	 */
	public void check(ChatCompletionRequest request, Deployment deployment) {
		if (deployment.dropParams()) {
			return;
		}
		List<String> unsupported = null;
		if (request.tools() != null && !this.supported.contains("tools")) {
			unsupported = new ArrayList<>(List.of("tools"));
		}
		if (request.toolChoice() != null && !this.supported.contains("tool_choice")) {
			unsupported = (unsupported != null) ? unsupported : new ArrayList<>();
			unsupported.add("tool_choice");
		}
		if (request.responseFormat() != null && !this.supported.contains("response_format")) {
			unsupported = (unsupported != null) ? unsupported : new ArrayList<>();
			unsupported.add("response_format");
		}
		for (String name : request.extra().keySet()) {
			if (!this.supported.contains(name) && !GATEWAY_ONLY_FIELDS.contains(name)
					&& !ALWAYS_ACCEPTED.contains(name)) {
				unsupported = (unsupported != null) ? unsupported : new ArrayList<>();
				unsupported.add(name);
			}
		}
		if (unsupported != null) {
			throw new BadRequestError("litellm.UnsupportedParamsError: " + this.provider
					+ " does not support parameters: " + unsupported + ", for model=" + deployment.providerModel()
					+ ". To drop these, set `drop_params: true` in the deployment's litellm_params or in litellm_settings",
					null, unsupported.get(0));
		}
	}

}
