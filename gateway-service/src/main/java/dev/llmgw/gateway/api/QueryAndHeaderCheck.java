package dev.llmgw.gateway.api;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.web.CallerInput;
import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies {@link CallerInput}'s rules to what a caller sends outside a body: every query
 * parameter (admin lookups such as {@code /key/info?key=} end up in SQL) and the end-user
 * headers a model call's spend is charged to. A refusal is a 400 naming the parameter or
 * header, rendered like any other error in the route's protocol.
 */
public final class QueryAndHeaderCheck extends NamedWebFilter {

	/** The headers LiteLLM reads the end user from, stored with each call's spend. */
	static final List<String> END_USER_HEADERS = List.of("x-litellm-customer-id", "x-litellm-end-user-id");

	@Override
	public int getOrder() {
		return FilterOrder.CALLER_INPUT;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		try {
			for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
				CallerInput.check("(a query parameter name)", parameter.getKey());
				for (String value : parameter.getValue()) {
					CallerInput.check(parameter.getKey(), value);
				}
			}
			HttpHeaders headers = exchange.getRequest().getHeaders();
			for (String header : END_USER_HEADERS) {
				for (String value : headers.getOrEmpty(header)) {
					CallerInput.check(header, value);
				}
			}
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
		return chain.filter(exchange);
	}

}
