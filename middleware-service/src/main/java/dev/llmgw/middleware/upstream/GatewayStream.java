package dev.llmgw.middleware.upstream;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Flux;

/**
 * An answer of the gateway whose body arrives chunk by chunk.
 *
 * @param status the HTTP status
 * @param headers its headers
 * @param body the body's chunks as the gateway flushed them, each copied out of Netty's
 * buffers
 */
public record GatewayStream(int status, HttpHeaders headers, Flux<byte[]> body) {

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

}
