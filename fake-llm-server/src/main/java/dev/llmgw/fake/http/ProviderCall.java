package dev.llmgw.fake.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One request to a provider route, with its body already read.
 *
 * @param request the request, for headers
 * @param response the response to write
 * @param path the request path without query string
 * @param body the raw request body, empty when there was none
 * @param modelCounter counts the call against the model the route found in it
 */
public record ProviderCall(HttpServerRequest request, HttpServerResponse response, String path, byte[] body,
		Consumer<String> modelCounter) {

	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * The first value of a query parameter, or null when absent.
	 */
	public @Nullable String queryParam(String name) {
		String uri = this.request.uri();
		if (uri.indexOf('?') < 0) {
			return null;
		}
		List<String> values = new QueryStringDecoder(uri).parameters().get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	public void countModel(String model) {
		this.modelCounter.accept(model);
	}

}
