package dev.llmgw.fake.collectors;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.llmgw.fake.aws.S3Objects;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a log collector fail or answer late, as one that is down or slow does, so that a
 * test can see the gateway's callbacks retry, give up or wait without holding up calls.
 * {@code POST /fake/collectors/fault} with
 * {@code {"target":"s3"|"langfuse"|"langsmith"|"webhook","status":503,"count":3,"delay_ms":0}}
 * has the target's next {@code count} uploads ({@code -1}: every one until cleared)
 * answered with {@code status} after {@code delay_ms}, nothing stored; {@code status} 0
 * delays the normal answer only. A fault answers in the target's own error shape: S3's
 * XML error, a JSON error for the others. {@code GET /fake/collectors/fault} answers
 * {@code {"<target>":{"remaining","answered_with_fault"}}} for every target;
 * {@code DELETE /fake/collectors/fault} clears faults and counts.
 */
public final class CollectorFaults {

	public static final String CONTROL_PATH = "/fake/collectors/fault";

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Guarded by this: a fault's count must drop by exactly one per request, and uploads
	 * are few enough that a lock costs nothing.
	 */
	private final Map<CollectorTarget, Fault> faults = new EnumMap<>(CollectorTarget.class);

	/**
	 * Answers a collector's upload with the target's fault while it lasts, else with
	 * {@code normal}. The delay runs on Reactor's timer, never on the event loop.
	 */
	public Mono<Void> answer(CollectorTarget target, HttpServerResponse response, Supplier<Mono<Void>> normal) {
		Fault fault = take(target);
		if (fault == null) {
			return normal.get();
		}
		return Replies.after(fault.delayMillis(),
				(fault.status() == 0) ? normal : () -> error(target, fault.status(), response));
	}

	public Mono<Void> configure(byte[] body, HttpServerResponse response) {
		JsonNode request;
		try {
			request = Json.read(body);
		}
		catch (JacksonException ex) {
			return badRequest(response, "the body is not JSON: " + ex.getOriginalMessage());
		}
		CollectorTarget target = CollectorTarget.of(request.path("target").asString(""));
		if (target == null) {
			return badRequest(response, "target must be one of s3, langfuse, langsmith, webhook");
		}
		int status = request.path("status").asInt(503);
		long count = request.path("count").asLong(1);
		long delay = request.path("delay_ms").asLong(0);
		if (status != 0 && (status < 100 || status > 599)) {
			return badRequest(response, "status must be 0 (delay only) or an HTTP status");
		}
		if (count < -1) {
			return badRequest(response, "count must be -1 (until cleared) or at least 0");
		}
		if (delay < 0) {
			return badRequest(response, "delay_ms must be at least 0");
		}
		synchronized (this) {
			long answered = this.faults.getOrDefault(target, Fault.NONE).answered();
			this.faults.put(target, new Fault(status, count, delay, answered));
		}
		return list(response);
	}

	public Mono<Void> list(HttpServerResponse response) {
		ObjectNode all = this.json.createObjectNode();
		synchronized (this) {
			for (CollectorTarget target : CollectorTarget.values()) {
				Fault fault = this.faults.getOrDefault(target, Fault.NONE);
				all.putObject(target.id())
					.put("remaining", fault.remaining())
					.put("answered_with_fault", fault.answered());
			}
		}
		return Replies.json(response, HttpResponseStatus.OK, this.json.writeValueAsBytes(all));
	}

	public synchronized void clear() {
		this.faults.clear();
	}

	/**
	 * The target's fault if it answers this request, counted as having answered it.
	 */
	private synchronized @Nullable Fault take(CollectorTarget target) {
		Fault fault = this.faults.get(target);
		if (fault == null || !fault.active()) {
			return null;
		}
		this.faults.put(target, fault.taken());
		return fault;
	}

	private Mono<Void> error(CollectorTarget target, int status, HttpServerResponse response) {
		if (target == CollectorTarget.S3) {
			return S3Objects.fault(response, status);
		}
		HttpResponseStatus responseStatus = HttpResponseStatus.valueOf(status);
		String message = "Fake collector fault: " + responseStatus;
		// each in the field its clients read an error from
		ObjectNode body = this.json.createObjectNode();
		switch (target) {
			case LANGSMITH -> body.put("detail", message);
			case WEBHOOK -> body.put("status", "error").put("message", message);
			default -> body.put("message", message);
		}
		return Replies.json(response, responseStatus, this.json.writeValueAsBytes(body));
	}

	private Mono<Void> badRequest(HttpServerResponse response, String message) {
		ObjectNode body = this.json.createObjectNode().put("message", message);
		return Replies.json(response, HttpResponseStatus.BAD_REQUEST, this.json.writeValueAsBytes(body));
	}

}
