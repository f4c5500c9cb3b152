package dev.llmgw.middleware.upstream;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A whole answer of the gateway.
 *
 * @param status the HTTP status
 * @param headers its headers
 * @param body its body
 */
public record GatewayResponse(int status, HttpHeaders headers, byte[] body) {

	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

}
