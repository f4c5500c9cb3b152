package dev.llmgw.gateway.admin;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Admin responses: JSON, 200. */
public final class AdminJson {

	private AdminJson() {
	}

	public static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
