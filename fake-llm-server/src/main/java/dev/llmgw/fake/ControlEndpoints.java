package dev.llmgw.fake;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.http.Replies;
import dev.llmgw.fake.openai.OpenAiErrors;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The fake's own endpoints, outside any provider's API: {@code GET /health},
 * {@code GET /fake/stats} and {@code POST /fake/reset}. They are neither counted nor
 * key-checked.
 */
final class ControlEndpoints {

	private static final byte[] HEALTHY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

	private final RequestStats stats;

	private final FailureCounter failures;

	ControlEndpoints(RequestStats stats, FailureCounter failures) {
		this.stats = stats;
		this.failures = failures;
	}

	static boolean isControlPath(String path) {
		return path.equals("/health") || path.startsWith("/fake/");
	}

	Mono<Void> handle(HttpMethod method, String path, HttpServerResponse response) {
		if (HttpMethod.GET.equals(method) && path.equals("/health")) {
			return Replies.json(response, HttpResponseStatus.OK, HEALTHY);
		}
		if (HttpMethod.GET.equals(method) && path.equals("/fake/stats")) {
			return Replies.json(response, HttpResponseStatus.OK, this.stats.toJson());
		}
		if (HttpMethod.POST.equals(method) && path.equals("/fake/reset")) {
			// fail_times counters too, so a test that reuses a fail key starts from
			// scratch
			this.stats.reset();
			this.failures.reset();
			return Replies.json(response, HttpResponseStatus.OK, this.stats.toJson());
		}
		return OpenAiErrors.notFound(response, method, path);
	}

}
