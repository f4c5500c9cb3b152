package dev.llmgw.gateway.engine;

import java.util.Map;
import java.util.function.Function;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.CallerInput;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * One model call as its front end hands it to the pipeline, in OpenAI terms: what every
 * stage may read. Immutable.
 *
 * @param kind what is asked of the provider
 * @param request the request in OpenAI form (a chat or embedding request, or an image
 * request's fields), for the stages that read its content (cache key, guardrails)
 * @param model the model group asked for
 * @param endUser who the call is for ({@link #endUser})
 * @param route the caller's route, for LiteLLM's unknown-model message
 * @param promptChars the prompt's size, for the context-window check
 * @param estimates the most the call may cost on a deployment, reserved on its budgets
 * @param fields the request's own fields ({@code num_retries}, {@code fallbacks},
 * {@code priority}, timeouts)
 */
public record ModelCall(CallKind kind, Object request, String model, @Nullable String endUser, String route,
		long promptChars, Function<Deployment, Estimate> estimates, Map<String, @Nullable Object> fields) {

	/**
	 * The end user a call is charged to, in LiteLLM's order: the customer-id headers,
	 * then the body's {@code user} (shared/spec/admin-api.md §4.2).
	 */
	public static @Nullable String endUser(ServerWebExchange exchange, @Nullable String bodyUser) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String header = headers.getFirst("x-litellm-customer-id");
		if (header == null) {
			header = headers.getFirst("x-litellm-end-user-id");
		}
		return (header != null && !header.isBlank()) ? header : CallerInput.check("user", bodyUser);
	}

	/** The same call with its request changed (a guardrail masked its prompt). */
	public ModelCall withRequest(Object changed) {
		return new ModelCall(this.kind, changed, this.model, this.endUser, this.route, this.promptChars, this.estimates,
				this.fields);
	}

	/** The call's {@code priority} for a queued model group, when it sets one. */
	public @Nullable Integer priority() {
		return (this.fields.get("priority") instanceof Number number) ? number.intValue() : null;
	}

}
