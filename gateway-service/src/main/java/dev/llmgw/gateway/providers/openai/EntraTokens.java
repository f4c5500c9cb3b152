package dev.llmgw.gateway.providers.openai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Entra ID tokens for Azure OpenAI deployments configured with
 * {@code tenant_id}, {@code client_id} and {@code client_secret}: the OAuth client
 * credentials grant against {@code AZURE_AUTHORITY_HOST} (default
 * https://login.microsoftonline.com), as the Azure SDKs do
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 * One token per tenant and client, shared by concurrent calls, renewed five minutes
 * before it expires.
 */
final class EntraTokens {

	private static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";

	private static final String SCOPE = "https://cognitiveservices.azure.com/.default";

	private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

	private final HttpClient http;

	private final JsonMapper mapper;

	private final EnvironmentLookup environment;

	private final Map<String, Mono<Token>> tokens = new ConcurrentHashMap<>();

	EntraTokens(HttpClient http, JsonMapper mapper, EnvironmentLookup environment) {
		this.http = http;
		this.mapper = mapper;
		this.environment = environment;
	}

	/**
	 * @param settings the deployment's provider settings
	 * @return whether they name a client credential
	 */
	static boolean configured(Map<String, Object> settings) {
		return text(settings.get("tenant_id")) != null && text(settings.get("client_id")) != null
				&& text(settings.get("client_secret")) != null;
	}

	Mono<String> token(Map<String, Object> settings) {
		String tenant = text(settings.get("tenant_id"));
		String client = text(settings.get("client_id"));
		String secret = text(settings.get("client_secret"));
		String key = tenant + "/" + client;
		return Mono.defer(() -> {
			Mono<Token> cached = this.tokens.computeIfAbsent(key, (ignored) -> fetch(tenant, client, secret));
			return cached.flatMap((token) -> {
				if (token.fresh()) {
					return Mono.just(token.value());
				}
				// replace a stale entry once; concurrent callers share the new request
				this.tokens.replace(key, cached, fetch(tenant, client, secret));
				return this.tokens.get(key).map(Token::value);
			});
		});
	}

	private Mono<Token> fetch(@Nullable String tenant, @Nullable String client, @Nullable String secret) {
		String authority = this.environment.get("AZURE_AUTHORITY_HOST");
		String base = (authority != null && !authority.isBlank()) ? authority : DEFAULT_AUTHORITY;
		String url = (base.endsWith("/") ? base : base + "/") + tenant + "/oauth2/v2.0/token";
		byte[] form = ("grant_type=client_credentials&client_id=" + encode(client) + "&client_secret=" + encode(secret)
				+ "&scope=" + encode(SCOPE))
			.getBytes(StandardCharsets.UTF_8);
		return this.http
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded"))
			.post()
			.uri(url)
			.send(Mono.just(io.netty.buffer.Unpooled.wrappedBuffer(form)))
			.responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0]).map((bytes) -> {
				JsonNode json = this.mapper.readTree(bytes);
				String accessToken = json.path("access_token").asString(null);
				if (response.status().code() != 200 || accessToken == null) {
					throw new AuthenticationError("litellm.AuthenticationError: AzureException - Entra ID refused the "
							+ "client credentials of client " + client + ": "
							+ json.path("error_description").asString(json.path("error").asString("no token")));
				}
				long seconds = json.path("expires_in").asLong(3600);
				return new Token(accessToken,
						System.nanoTime() + Duration.ofSeconds(seconds).minus(RENEW_BEFORE).toNanos());
			}))
			.cache((token) -> Duration.ofSeconds(Long.MAX_VALUE / 2_000_000_000L), (error) -> Duration.ZERO,
					() -> Duration.ZERO);
	}

	private static String encode(@Nullable String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value == null || EnvironmentLookup.referencedVariable(value.toString()) != null) ? null
				: value.toString();
	}

	private record Token(String value, long freshUntilNanos) {

		boolean fresh() {
			return System.nanoTime() < this.freshUntilNanos;
		}

		@Override
		public String toString() {
			return "Token[redacted]";
		}

	}

}
