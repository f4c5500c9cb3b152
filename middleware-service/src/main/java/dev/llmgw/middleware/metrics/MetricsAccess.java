package dev.llmgw.middleware.metrics;

import java.security.MessageDigest;

import dev.llmgw.digest.Digests;
import dev.llmgw.middleware.history.CallerKey;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Who may read {@code /metrics}: the gateway's master key ({@code LITELLM_MASTER_KEY}),
 * or anyone when {@code MIDDLEWARE_METRICS_OPEN=true}.
 * <p>
 * Not "any valid key", LiteLLM's {@code require_auth_for_metrics_endpoint} default, which
 * the gateway follows: the middleware holds no keys, and only the gateway can tell a
 * valid one (chat history asks its {@code /key/self}). That would cost a call to the
 * gateway on nearly every scrape (Prometheus scrapes every 15 to 60 s; an answer is kept
 * 30 s), and would fail every scrape while the gateway is down or slow, just when the
 * middleware's metrics (its 503s to callers) are wanted. The master key is checked here,
 * with nothing to call: it is the key an operator's scraper already holds for the
 * gateway's own {@code /metrics}.
 * <p>
 * The key is read from the headers the gateway reads keys from ({@link CallerKey}), and
 * compared by its SHA-256 digest in constant time, so neither its content nor its length
 * shows in how long a refusal takes. Neither key is ever kept as text or logged.
 */
final class MetricsAccess {

	private final boolean open;

	private final byte @Nullable [] masterKeyDigest;

	/**
	 * @param open anyone may read
	 * @param masterKey the master key, blank when none is configured
	 */
	MetricsAccess(boolean open, String masterKey) {
		this.open = open;
		this.masterKeyDigest = masterKey.isBlank() ? null : Digests.sha256(masterKey.trim());
	}

	boolean open() {
		return this.open;
	}

	/** Whether no key can read: not open, and no master key configured. */
	boolean closed() {
		return !this.open && this.masterKeyDigest == null;
	}

	/**
	 * @param headers the request's headers
	 * @return whether they carry what reading the metrics takes
	 */
	boolean allows(HttpHeaders headers) {
		if (this.open) {
			return true;
		}
		String key = CallerKey.of(headers);
		return this.masterKeyDigest != null && key != null
				&& MessageDigest.isEqual(this.masterKeyDigest, Digests.sha256(key));
	}

}
