package dev.llmgw.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.config.MetricsSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format, or OpenMetrics when the
 * scraper asks for it. Who may read it is {@code require_auth_for_metrics_endpoint}'s:
 * authentication has already let in anyone with a valid key (or everyone when the setting
 * is false); with {@code admin} the key must also be an admin's.
 */
final class MetricsEndpoint {

	/** Prometheus' text format, what LiteLLM's Python client writes. */
	static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

	static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

	private final PrometheusMeterRegistry registry;

	private final MetricsSettings.Access access;

	/** The scrape under way, by content type, which scrapes arriving meanwhile share. */
	private final Map<String, Mono<String>> running = new ConcurrentHashMap<>();

	MetricsEndpoint(PrometheusMeterRegistry registry, MetricsSettings.Access access) {
		this.registry = registry;
		this.access = access;
	}

	/**
	 * One scrape at a time per format: writing many series takes memory and a worker
	 * thread (not an event loop), and scrapers arriving meanwhile get the same body
	 * rather than a body each.
	 */
	private Mono<String> scrape(String contentType) {
		return this.running.computeIfAbsent(contentType,
				(type) -> Mono.fromCallable(() -> this.registry.scrape(type))
					.subscribeOn(Schedulers.boundedElastic())
					.doFinally((signal) -> this.running.remove(type))
					.cache());
	}

	Mono<ServerResponse> scrape(ServerRequest request) {
		if (this.access == MetricsSettings.Access.ADMIN) {
			AdminAccess.requireAdmin(AdminAccess.caller(request.exchange()), "/metrics");
		}
		String accept = request.headers().firstHeader(HttpHeaders.ACCEPT);
		String contentType = (accept != null && accept.contains("application/openmetrics-text")) ? OPEN_METRICS
				: TEXT_FORMAT;
		return scrape(contentType).flatMap((body) -> ServerResponse.ok()
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.bodyValue(body));
	}

}
