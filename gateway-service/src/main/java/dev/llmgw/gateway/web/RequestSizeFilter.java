package dev.llmgw.gateway.web;

import dev.llmgw.gateway.error.RequestTooLargeError;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a body whose declared Content-Length exceeds
 * {@code general_settings.max_request_size_mb} before any of it is read; chunked bodies
 * are held to the same limit while they are read.
 */
public final class RequestSizeFilter implements WebFilter, Ordered {

	private final long maxBytes;

	public RequestSizeFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	public int getOrder() {
		return FilterOrder.REQUEST_SIZE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.maxBytes) {
			return Mono.error(new RequestTooLargeError("Request size is too large. Request size is " + megabytes(length)
					+ " MB. Max size is " + megabytes(this.maxBytes) + " MB (general_settings.max_request_size_mb)"));
		}
		return chain.filter(exchange);
	}

	private static String megabytes(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.2f", bytes / (1024.0 * 1024.0));
	}

}
