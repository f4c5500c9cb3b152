package dev.llmgw.gateway.spend;

import java.time.OffsetDateTime;
import java.util.List;

import dev.llmgw.gateway.engine.GuardrailOutcome;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One finished call, to be counted once: its cost and who it is charged to.
 *
 * @param requestId the call id (x-litellm-call-id), which makes counting it twice
 * impossible
 * @param callType e.g. acompletion
 * @param status success or failure
 * @param keyHash the key's SHA-256, null for the master key
 * @param userId the key's user
 * @param teamId the key's team
 * @param endUser the request's end user (customer)
 * @param cost dollars
 * @param usage tokens
 * @param startTime when the request arrived
 * @param endTime when the response ended
 * @param model the provider's model id
 * @param modelId the deployment id
 * @param modelGroup the model group the caller asked for
 * @param provider the provider
 * @param apiBase the endpoint
 * @param cacheHit whether the response cache answered
 * @param cacheKey the call's cache key; null when the cache did not key it
 * @param guardrails what each guardrail decided
 */
public record SpendEvent(String requestId, String callType, String status, @Nullable String keyHash,
		@Nullable String userId, @Nullable String teamId, @Nullable String endUser, double cost, Usage usage,
		OffsetDateTime startTime, OffsetDateTime endTime, @Nullable String model, @Nullable String modelId,
		@Nullable String modelGroup, @Nullable String provider, @Nullable String apiBase, boolean cacheHit,
		@Nullable String cacheKey, List<GuardrailOutcome> guardrails, List<String> tags) {

	/** A call the response cache did not key. */
	public SpendEvent(String requestId, String callType, String status, @Nullable String keyHash,
			@Nullable String userId, @Nullable String teamId, @Nullable String endUser, double cost, Usage usage,
			OffsetDateTime startTime, OffsetDateTime endTime, @Nullable String model, @Nullable String modelId,
			@Nullable String modelGroup, @Nullable String provider, @Nullable String apiBase) {
		this(requestId, callType, status, keyHash, userId, teamId, endUser, cost, usage, startTime, endTime, model,
				modelId, modelGroup, provider, apiBase, false, null, List.of(), List.of());
	}

	/** The same call without its tags. */
	SpendEvent withoutTags() {
		return this.tags.isEmpty() ? this
				: new SpendEvent(this.requestId, this.callType, this.status, this.keyHash, this.userId, this.teamId,
						this.endUser, this.cost, this.usage, this.startTime, this.endTime, this.model, this.modelId,
						this.modelGroup, this.provider, this.apiBase, this.cacheHit, this.cacheKey, this.guardrails,
						List.of());
	}

}
