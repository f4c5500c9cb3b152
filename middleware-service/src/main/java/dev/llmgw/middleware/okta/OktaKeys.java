package dev.llmgw.middleware.okta;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issuer's signing keys, fetched (discovery document, then {@code jwks_uri}) when a
 * token names a key not among them, as after a rotation, or when they are an hour old;
 * but at most once per refresh interval, however many tokens ask. A token's {@code kid}
 * is the caller's choice, so without that limit every unauthenticated request with a
 * made-up {@code kid} would cost a request to the identity provider. Concurrent requests
 * share the one refresh in flight (they wait for it, off the event loops, and then look
 * in what it fetched); a {@code kid} still unknown after a recent refresh finds no key,
 * and the token is refused at once. A failed refresh counts too, so an unreachable issuer
 * is not asked again at every request.
 */
final class OktaKeys implements JWKSource<SecurityContext> {

	/** How long fetched keys are trusted without asking again, as Okta's own guidance. */
	static final Duration MAX_AGE = Duration.ofHours(1);

	private static final int TIMEOUT_MILLIS = 5_000;

	/** A key set is a few kilobytes; anything far larger is not one. */
	private static final int SIZE_LIMIT_BYTES = 512 * 1024;

	private final String issuer;

	private final Duration minRefreshInterval;

	private final Clock clock;

	private final ResourceRetriever retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS,
			SIZE_LIMIT_BYTES);

	private final Object refreshLock = new Object();

	private volatile @Nullable Keys keys;

	private @Nullable Instant lastAttempt;

	private @Nullable URL jwksUrl;

	/**
	 * @param issuer the issuer, whose discovery document names its {@code jwks_uri}
	 * @param minRefreshInterval the least time between two fetches
	 * @param clock the time
	 */
	OktaKeys(String issuer, Duration minRefreshInterval, Clock clock) {
		this.issuer = issuer;
		this.minRefreshInterval = minRefreshInterval;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, @Nullable SecurityContext context) throws KeySourceException {
		Keys seen = this.keys;
		if (seen != null && seen.fresh(this.clock.instant())) {
			List<JWK> found = selector.select(seen.set());
			if (!found.isEmpty()) {
				return found;
			}
		}
		synchronized (this.refreshLock) {
			Keys current = this.keys;
			if (current != null && current != seen) {
				// another request refreshed them while this one waited
				return selector.select(current.set());
			}
			Instant now = this.clock.instant();
			if (this.lastAttempt != null && now.isBefore(this.lastAttempt.plus(this.minRefreshInterval))) {
				return (current != null && current.fresh(now)) ? selector.select(current.set()) : List.of();
			}
			this.lastAttempt = now;
			Keys fetched = new Keys(fetch(), now);
			this.keys = fetched;
			return selector.select(fetched.set());
		}
	}

	private JWKSet fetch() throws KeySourceException {
		try {
			return JWKSet.parse(this.retriever.retrieveResource(jwksUrl()).getContent());
		}
		catch (IOException | ParseException ex) {
			throw new KeySourceException("the issuer's keys cannot be read: " + ex.getMessage(), ex);
		}
	}

	/** The issuer's {@code jwks_uri}, from its OpenID discovery document, read once. */
	private URL jwksUrl() throws KeySourceException {
		if (this.jwksUrl != null) {
			return this.jwksUrl;
		}
		String discovery = (this.issuer.endsWith("/") ? this.issuer : this.issuer + "/")
				+ ".well-known/openid-configuration";
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(),
						HttpResponse.BodyHandlers.ofString());
			String jwks = (response.statusCode() != 200) ? null
					: JsonMapper.builder().build().readTree(response.body()).path("jwks_uri").asString(null);
			if (jwks == null) {
				throw new KeySourceException("the issuer's discovery document has no jwks_uri");
			}
			this.jwksUrl = URI.create(jwks).toURL();
			return this.jwksUrl;
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			throw new KeySourceException("the issuer cannot be reached: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KeySourceException("interrupted", ex);
		}
	}

	/**
	 * Keys as fetched.
	 *
	 * @param set the key set
	 * @param fetched when
	 */
	private record Keys(JWKSet set, Instant fetched) {

		boolean fresh(Instant now) {
			return now.isBefore(this.fetched.plus(MAX_AGE));
		}

	}

}
