package dev.llmgw.gateway.ratelimit;

/**
 * One limit that applies to a request.
 *
 * @param descriptor whose limit: api_key, user, team, model_per_key or global (LiteLLM's
 * descriptors)
 * @param id whose: the key's hash, the user id, ...
 * @param kind what it counts
 * @param limit the limit
 */
public record LimitCheck(String descriptor, String id, LimitKind kind, long limit) {

}
