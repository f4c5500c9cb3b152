package dev.llmgw.fake.google;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.llmgw.fake.http.Json;
import org.jspecify.annotations.Nullable;

/**
 * The access tokens the token endpoint issued, which Vertex AI's routes accept until they
 * expire, and counts of the token requests, so that a test can see whether its client
 * reused a token or fetched one per call.
 */
public final class AccessTokens {

	/** Google's lifetime for a service account's token, a second short of an hour. */
	public static final int LIFETIME_SECONDS = 3599;

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random = new SecureRandom();

	private final AtomicLong sequence = new AtomicLong();

	private final Clock clock;

	private final Map<String, AccessGrant> issued = new ConcurrentHashMap<>();

	private final LongAdder requests = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final Map<String, LongAdder> byClientEmail = new ConcurrentHashMap<>();

	/**
	 * @param clock when tokens expire by
	 */
	public AccessTokens(Clock clock) {
		this.clock = clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * An opaque token, shaped like Google's ({@code ya29.} and URL-safe characters) so
	 * that a client's logging redaction treats it as one.
	 */
	String issue(String clientEmail, Set<String> scopes) {
		byte[] secret = new byte[24];
		this.random.nextBytes(secret);
		String token = "ya29.fake-" + this.sequence.incrementAndGet() + "-" + URL.encodeToString(secret);
		this.issued.put(token,
				new AccessGrant(clientEmail, Set.copyOf(scopes), now().plus(Duration.ofSeconds(LIFETIME_SECONDS))));
		this.byClientEmail.computeIfAbsent(clientEmail, (email) -> new LongAdder()).increment();
		return token;
	}

	/**
	 * What a token was issued for, expired or not, or null when the fake never issued it
	 * (or forgot it).
	 */
	public @Nullable AccessGrant find(String token) {
		return this.issued.get(token);
	}

	/**
	 * Whether a grant still holds now.
	 */
	public boolean expired(AccessGrant grant) {
		return grant.expired(now());
	}

	void countRequest(boolean granted) {
		this.requests.increment();
		if (!granted) {
			this.rejected.increment();
		}
	}

	/**
	 * Forgets every token and count: a revoked token is refused as an unknown one.
	 */
	void revokeAll() {
		this.issued.clear();
		this.requests.reset();
		this.rejected.reset();
		this.byClientEmail.clear();
	}

	byte[] toJson() {
		Instant now = now();
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeNumberProperty("token_requests", this.requests.sum());
			json.writeNumberProperty("rejected", this.rejected.sum());
			json.writeNumberProperty("issued", this.byClientEmail.values().stream().mapToLong(LongAdder::sum).sum());
			json.writeNumberProperty("active", this.issued.values().stream().filter((g) -> !g.expired(now)).count());
			json.writeObjectPropertyStart("issued_by_client_email");
			this.byClientEmail.forEach((email, count) -> json.writeNumberProperty(email, count.sum()));
			json.writeEndObject();
			json.writeEndObject();
		});
	}

}
