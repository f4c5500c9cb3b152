package dev.llmgw.gateway.whoami;

import dev.llmgw.gateway.auth.ApiKeys;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /key/self}: 200 with {@link SelfView} for every credential the gateway
 * accepts, the master key and keys of every role included, and the authentication
 * filter's 401 for any other. {@code /key/info} without a key answers the caller's own
 * key as LiteLLM does, but the master key is no stored key and gets a 400 there, and
 * viewers of other users' keys a 403: a caller that must tell "refused" from "accepted"
 * cannot read those statuses safely, this route has just the two.
 */
@Configuration(proxyBeanMethods = false)
public class SelfEndpoint {

	@Bean
	RouterFunction<ServerResponse> selfRoute() {
		return RouterFunctions.route().GET("/key/self", SelfEndpoint::self).build();
	}

	static Mono<ServerResponse> self(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (caller == null) {
			caller = CallerIdentity.unauthenticated();
		}
		String presented = ApiKeys.extract(request.headers().asHttpHeaders());
		// the caller authenticated with the presented key, so its digest is the key id;
		// the master key has no stored id and is named by the same digest
		String ownerId = (caller.keyHash() != null) ? caller.keyHash()
				: (presented != null) ? KeyHashes.sha256Hex(presented) : null;
		SelfView view = new SelfView(ownerId, caller.displayName(), caller.userId(), caller.teamId(), caller.role(),
				caller.isMasterKey());
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view);
	}

}
