package dev.llmgw.gateway.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.engine.CallState;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import dev.llmgw.gateway.web.OutgoingHeaders;
import dev.llmgw.gateway.web.TraceId;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Opens the request's server span ("Received Proxy Server Request", as LiteLLM names it),
 * parented by the caller's {@code traceparent}, and passes the span on: to the middleware
 * hop as the request's own {@code traceparent}, and, with
 * {@code forward_traceparent_to_llm_provider}, to every provider request through
 * {@link OutgoingHeaders}. A model call's span is finished by {@link CallSpans} from the
 * call's record; any other request's here, when its response ends. Probes and
 * {@code /metrics} are not traced.
 */
final class TracingFilter extends NamedWebFilter {

	static final String SPAN_NAME = "Received Proxy Server Request";

	private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

	private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("url.path");

	private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

	private static final AttributeKey<String> CALL_ID = AttributeKey.stringKey("litellm.call_id");

	private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(HttpHeaders carrier) {
			return carrier.headerNames();
		}

		@Override
		public @Nullable String get(@Nullable HttpHeaders carrier, String key) {
			return (carrier != null) ? carrier.getFirst(key) : null;
		}

	};

	private final Tracer tracer;

	private final TextMapPropagator propagator;

	private final boolean toProviders;

	/**
	 * @param tracer makes the spans
	 * @param propagator reads and writes {@code traceparent}
	 * @param toProviders whether provider requests carry the trace
	 * ({@code forward_traceparent_to_llm_provider}, off by default as in LiteLLM: some
	 * providers refuse requests with headers they do not know)
	 */
	TracingFilter(Tracer tracer, TextMapPropagator propagator, boolean toProviders) {
		this.tracer = tracer;
		this.propagator = propagator;
		this.toProviders = toProviders;
	}

	@Override
	public int getOrder() {
		return FilterOrder.TRACING;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (untraced(path)) {
			return chain.filter(exchange);
		}
		CallContext call = CallContext.of(exchange);
		long now = System.nanoTime();
		long arrivalEpoch = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - (now - call.startNanos());
		Context parent = this.propagator.extract(Context.root(), exchange.getRequest().getHeaders(), HEADERS);
		Span span = this.tracer.spanBuilder(SPAN_NAME)
			.setParent(parent)
			.setSpanKind(SpanKind.SERVER)
			.setStartTimestamp(arrivalEpoch, TimeUnit.NANOSECONDS)
			.setAttribute(METHOD, exchange.getRequest().getMethod().name())
			// a path can hold a key (/key/sk-.../regenerate)
			.setAttribute(ROUTE, LogValues.maskSecrets(path))
			.setAttribute(CALL_ID, call.callId())
			.startSpan();
		CallSpan.attach(exchange, new CallSpan(span, call.startNanos(), arrivalEpoch));
		TraceId.put(exchange, span.getSpanContext().getTraceId());
		Map<String, String> carrier = new HashMap<>(4);
		this.propagator.inject(Context.root().with(span), carrier, Map::put);
		ServerWebExchange traced = exchange.mutate()
			.request((request) -> request.headers((headers) -> carrier.forEach(headers::set)))
			.build();
		Mono<Void> served = chain.filter(traced);
		if (this.toProviders) {
			served = served.contextWrite((context) -> OutgoingHeaders.with(context, carrier));
		}
		return served.doFinally((signal) -> {
			// a model call's span is finished with its record; any other request's
			// here
			if (CallState.of(exchange) == null) {
				HttpStatusCode status = exchange.getResponse().getStatusCode();
				int code = (status != null) ? status.value() : 200;
				span.setAttribute(STATUS, code);
				if (code >= 500) {
					span.setStatus(StatusCode.ERROR);
				}
				span.end();
			}
		});
	}

	private static boolean untraced(String path) {
		return path.startsWith("/health") || path.startsWith("/metrics") || path.equals("/")
				|| path.startsWith("/bedrock/health");
	}

}
