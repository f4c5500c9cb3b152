package dev.llmgw.middleware.history;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.digest.Digests;
import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.middleware.upstream.GatewayClient;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the gateway who a key is ({@code GET /key/self} with the key itself) before any
 * history is read or written: the gateway alone decides whether a key is valid, and it
 * knows the key's user. That route answers 200 for every key the gateway accepts (the
 * master key and keys of every role) and 401 for any other, so no other status is read as
 * a refusal. Answers are kept for a short while, so a conversation costs one such call
 * per key and half minute, not one per turn.
 */
final class Callers {

	private static final Duration TTL = Duration.ofSeconds(30);

	private static final int MAX_CACHED = 10_000;

	private final GatewayClient gateway;

	private final JsonMapper mapper;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	Callers(GatewayClient gateway, JsonMapper mapper) {
		this.gateway = gateway;
		this.mapper = mapper;
	}

	/**
	 * @param key the caller's gateway key ({@link CallerKey})
	 * @param fresh whether to ask the gateway even if a recent answer is known
	 * @return the caller, or a 401 when the gateway refuses the key
	 */
	Mono<Caller> resolve(@Nullable String key, boolean fresh) {
		if (key == null) {
			return Mono.error(new BedrockError(401, "AccessDeniedException",
					"Chat history needs your gateway key, e.g. as 'Authorization: Bearer <key>'"));
		}
		String hash = sha256(key);
		Cached cached = this.cache.get(hash);
		if (!fresh && cached != null && cached.fresh()) {
			return Mono.just(cached.caller());
		}
		return this.gateway.exchange(HttpMethod.GET, "/key/self", "Bearer " + key, null).map((answer) -> {
			if (answer.status() == 401) {
				throw new BedrockError(401, "AccessDeniedException", message(answer.body()));
			}
			if (!answer.ok()) {
				// the gateway accepted nothing and refused nothing: say it could not
				// tell,
				// never guess an owner
				throw new BedrockError(503, "ServiceUnavailableException",
						"The gateway could not check the key (status " + answer.status() + "): "
								+ message(answer.body()));
			}
			Caller caller = caller(hash, this.mapper.readTree(answer.body()));
			if (this.cache.size() >= MAX_CACHED) {
				this.cache.clear();
			}
			this.cache.put(hash, new Cached(caller, System.nanoTime() + TTL.toNanos()));
			return caller;
		});
	}

	/**
	 * The master key owns its sessions by its digest alone: its user
	 * ({@code default_user_id}) is a name, not an account other keys could belong to.
	 */
	private static Caller caller(String hash, JsonNode self) {
		JsonNode owner = self.path("owner_id");
		String keyHash = (owner.isString() && !owner.asString().isBlank()) ? owner.asString() : hash;
		JsonNode user = self.path("user_id");
		boolean master = self.path("is_master_key").asBoolean(false);
		String userId = (!master && user.isString() && !user.asString().isBlank()) ? user.asString() : null;
		return new Caller(keyHash, userId);
	}

	/** A key's hash as the original stored it: SHA-256 of the bearer value, in hex. */
	static String sha256(String key) {
		return Digests.sha256Hex(key);
	}

	private String message(byte[] body) {
		try {
			JsonNode error = this.mapper.readTree(body).path("error");
			return error.isObject() ? error.path("message").asString("The gateway refused the key")
					: error.asString("The gateway refused the key");
		}
		catch (RuntimeException ex) {
			return "The gateway refused the key";
		}
	}

	private record Cached(Caller caller, long freshUntilNanos) {

		boolean fresh() {
			return System.nanoTime() < this.freshUntilNanos;
		}

	}

}
