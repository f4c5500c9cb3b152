package dev.llmgw.gateway.engine;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.gateway.web.FilterOrder;
import dev.llmgw.gateway.web.NamedWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * The account stage: once a model call's response has ended (streams included, however
 * they ended), builds its one {@link CallRecord} and hands it to the listeners. Requests
 * that made no model call pass untouched.
 */
public final class CallEndFilter extends NamedWebFilter {

	private final CallListeners listeners;

	private final JsonMapper mapper;

	public CallEndFilter(CallListeners listeners, JsonMapper mapper) {
		this.listeners = listeners;
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		return FilterOrder.CALL_END;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return chain.filter(exchange).doFinally((signal) -> {
			CallState state = CallState.of(exchange);
			if (state != null) {
				this.listeners.publish(record(exchange, state, signal != SignalType.ON_ERROR));
			}
		});
	}

	private CallRecord record(ServerWebExchange exchange, CallState state, boolean completed) {
		CallContext context = CallContext.of(exchange);
		CallerIdentity caller = CallerIdentity.of(exchange);
		ModelCall call = state.call();
		Deployment deployment = state.deployment();
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		// a stream that failed after its 200 went out ends normally with an error frame:
		// the
		// failure the pipeline saw is what makes it a failed call
		boolean success = completed && (status == null || status.value() < 400) && state.failure() == null;
		long now = System.nanoTime();
		long firstByte = state.firstByteNanos();
		Throwable failure = state.failure();
		Double cost = state.cost();
		ServerHttpRequest request = exchange.getRequest();
		long start = context.startNanos();
		return new CallRecord(context.callId(), call.kind(), (caller != null) ? caller.keyHash() : null,
				(caller != null) ? caller.keyAlias() : null, (caller != null) ? caller.userId() : null,
				(caller != null) ? caller.teamId() : null, call.endUser(), call.model(),
				(deployment != null) ? deployment.modelName() : null, (deployment != null) ? deployment.id() : null,
				(deployment != null) ? deployment.providerModel() : null,
				(deployment != null) ? deployment.provider().name() : null,
				(deployment != null) ? deployment.apiBase() : null, context.startTime(),
				(firstByte != 0) ? TimeUnit.NANOSECONDS.toMillis(firstByte - context.startNanos()) : -1,
				OffsetDateTime.now(ZoneOffset.UTC), TimeUnit.NANOSECONDS.toMillis(now - context.startNanos()),
				state.usage(), (cost != null) ? cost : 0, state.cacheHit(), state.cacheKey(),
				GuardrailOutcomes.of(exchange), (status != null) ? status.value() : 200, success,
				(failure != null) ? failure.getClass().getSimpleName() : null, bodies(state),
				Map.copyOf(exchange.getAttributes()), (caller != null) ? caller.teamAlias() : null,
				(caller != null) ? caller.userEmail() : null, request.getPath().value(), clientIp(request),
				request.getHeaders().getFirst(HttpHeaders.USER_AGENT), timings(state, now, start, firstByte),
				state.stream());
	}

	private static CallRecord.Timings timings(CallState state, long now, long start, long firstByte) {
		return new CallRecord.Timings(now - start, offset(state.attemptNanos(), start), offset(firstByte, start),
				offset(state.admissionStartNanos(), start), offset(state.admissionEndNanos(), start),
				offset(state.cacheStartNanos(), start), offset(state.cacheEndNanos(), start));
	}

	/** Nanoseconds from the call's arrival to {@code nanos}, -1 for a time never set. */
	private static long offset(long nanos, long start) {
		return (nanos == 0) ? -1 : Math.max(0, nanos - start);
	}

	private static @Nullable String clientIp(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	private CallRecord.Bodies bodies(CallState state) {
		if (!this.listeners.wantBodies()) {
			return CallRecord.Bodies.NONE;
		}
		byte[] response = state.responseBody();
		try {
			return CallRecord.Bodies.bounded(this.mapper.writeValueAsString(state.sentRequest()),
					(response != null) ? new String(response, StandardCharsets.UTF_8) : null, state.takeFrames());
		}
		catch (RuntimeException ex) {
			// a request that cannot be written out costs its listeners the bodies, never
			// the record: spend and budgets read it too
			return CallRecord.Bodies.NONE;
		}
	}

}
