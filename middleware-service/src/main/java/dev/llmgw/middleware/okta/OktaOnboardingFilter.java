package dev.llmgw.middleware.okta;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.llmgw.middleware.upstream.GatewayClient;
import dev.llmgw.middleware.upstream.GatewayResponse;
import io.netty.handler.codec.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Okta sign-up on {@code /user/new} and {@code /key/generate} (shared/spec/middleware.md,
 * "Okta onboarding"): a bearer that is not a gateway key is verified as an Okta token,
 * and the gateway, called with the master key, makes its subject an {@code internal_user}
 * whose {@code user_id} is the token's {@code sub}; the first call creates the user with
 * a key, later calls give the same user a new key. The caller's own fields are not passed
 * on, so nobody grants themselves a budget, limits, a role or models beyond the gateway's
 * defaults for internal users. A bad token is a 401 and nothing is created; the token and
 * its claims are never logged.
 */
public final class OktaOnboardingFilter implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(OktaOnboardingFilter.class);

	private static final Set<String> PATHS = Set.of("/user/new", "/key/generate");

	private static final String BEARER = "Bearer ";

	private static final byte[] INVALID = "{\"detail\":\"Invalid or expired token\"}".getBytes(StandardCharsets.UTF_8);

	private final OktaTokenVerifier verifier;

	private final GatewayClient gateway;

	private final String masterKey;

	private final JsonMapper mapper;

	private final OktaEvents events;

	/**
	 * @param events told how each sign-up ended (the metrics), or {@link OktaEvents#NONE}
	 */
	public OktaOnboardingFilter(OktaTokenVerifier verifier, String masterKey, GatewayClient gateway, JsonMapper mapper,
			OktaEvents events) {
		this.verifier = verifier;
		this.masterKey = masterKey;
		this.gateway = gateway;
		this.mapper = mapper;
		this.events = events;
	}

	@Override
	public int getOrder() {
		// before the pass-through of the same paths
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (!PATHS.contains(exchange.getRequest().getPath().value())
				|| !"POST".equals(exchange.getRequest().getMethod().name()) || authorization == null
				|| !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return chain.filter(exchange);
		}
		String token = authorization.substring(BEARER.length()).trim();
		if (token.startsWith("sk-")) {
			// a gateway key: the gateway decides, as for any other caller
			return chain.filter(exchange);
		}
		return Mono.fromCallable(() -> this.verifier.verify(token))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((claims) -> onboard(exchange, claims))
			.onErrorResume(InvalidTokenException.class, (invalid) -> {
				// the reason may quote the token's own claims: control characters are
				// escaped so that a crafted claim cannot write a line of its own
				log.info("Okta token refused: {}", escape(String.valueOf(invalid.getMessage())));
				this.events.signUp(OktaEvents.Outcome.REFUSED);
				return write(exchange.getResponse(), 401, INVALID);
			});
	}

	private Mono<Void> onboard(ServerWebExchange exchange, JWTClaimsSet claims) {
		String subject = claims.getSubject();
		if (subject == null || subject.isBlank()) {
			this.events.signUp(OktaEvents.Outcome.REFUSED);
			return write(exchange.getResponse(), 403,
					"{\"detail\":\"The token names no subject\"}".getBytes(StandardCharsets.UTF_8));
		}
		String email = email(claims, subject);
		ObjectNode user = this.mapper.createObjectNode()
			.put("user_id", subject)
			.put("user_email", email)
			.put("user_role", "internal_user");
		String master = BEARER + this.masterKey;
		return this.gateway.exchange(HttpMethod.POST, "/user/new", master, this.mapper.writeValueAsBytes(user))
			.flatMap((created) -> (created.status() == 409)
					? newKey(subject, master).doOnNext((key) -> signedUp(key, OktaEvents.Outcome.EXISTING))
					: Mono.just(created).doOnNext((answer) -> signedUp(answer, OktaEvents.Outcome.CREATED)))
			.doOnError((failure) -> this.events.signUp(OktaEvents.Outcome.ERROR))
			.flatMap((answer) -> write(exchange.getResponse(), answer.status(), answer.body()));
	}

	private void signedUp(GatewayResponse answer, OktaEvents.Outcome outcome) {
		this.events.signUp(answer.ok() ? outcome : OktaEvents.Outcome.ERROR);
	}

	/** A user that exists already gets a new key of its own. */
	private Mono<GatewayResponse> newKey(String subject, String master) {
		ObjectNode key = this.mapper.createObjectNode().put("user_id", subject);
		return this.gateway.exchange(HttpMethod.POST, "/key/generate", master, this.mapper.writeValueAsBytes(key));
	}

	private static String email(JWTClaimsSet claims, String subject) {
		try {
			String email = claims.getStringClaim("email");
			return (email != null && !email.isBlank()) ? email : subject;
		}
		catch (java.text.ParseException ex) {
			return subject;
		}
	}

	private static Mono<Void> write(ServerHttpResponse response, int status, byte[] body) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	private static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		text.chars()
			.forEach((c) -> escaped.append((c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
					? String.format("\\u%04x", c) : String.valueOf((char) c)));
		return escaped.toString();
	}

}
