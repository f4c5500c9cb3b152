package dev.llmgw.gateway.providers;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What each deployment's provider last said it has left of its own rate limits, read from
 * the answer's headers: OpenAI's and Azure's {@code x-ratelimit-remaining-requests} and
 * {@code -tokens}, Anthropic's {@code anthropic-ratelimit-requests-remaining} and
 * {@code -tokens-remaining}. LiteLLM publishes them as
 * {@code litellm_remaining_requests_metric} and {@code litellm_remaining_tokens_metric};
 * the metrics read them here when a call ends. Kept per deployment, the latest answer
 * winning: it is the provider's count for the deployment's credentials, whoever called.
 */
public final class ProviderHeadroom {

	/**
	 * Bounded: a wildcard route makes a deployment per model name a caller sends, so the
	 * ids are not a fixed set.
	 */
	private final Map<String, Remaining> byDeployment = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofHours(1))
		.<String, Remaining>build()
		.asMap();

	/**
	 * @param deploymentId the deployment that answered
	 * @param headers its answer's headers
	 */
	void read(String deploymentId, HttpHeaders headers) {
		long requests = number(headers, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
		long tokens = number(headers, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining");
		if (requests >= 0 || tokens >= 0) {
			this.byDeployment.put(deploymentId, new Remaining(requests, tokens));
		}
	}

	/** What the deployment's provider said last; null when it never said. */
	public @Nullable Remaining of(@Nullable String deploymentId) {
		return (deploymentId != null) ? this.byDeployment.get(deploymentId) : null;
	}

	private static long number(HttpHeaders headers, String name, String anthropicName) {
		String value = headers.get(name);
		if (value == null) {
			value = headers.get(anthropicName);
		}
		if (value == null || value.isEmpty() || value.length() > 18) {
			return -1;
		}
		long number = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				// not a count (a provider's decimal or garbage): left out
				return -1;
			}
			number = number * 10 + (c - '0');
		}
		return number;
	}

	/**
	 * @param requests requests left, -1 when not said
	 * @param tokens tokens left, -1 when not said
	 */
	public record Remaining(long requests, long tokens) {

	}

}
