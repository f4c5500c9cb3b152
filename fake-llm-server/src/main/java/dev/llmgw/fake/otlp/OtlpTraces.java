package dev.llmgw.fake.otlp;

import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collector's OTLP/HTTP trace receiver: {@code POST /v1/traces} with an
 * {@code ExportTraceServiceRequest} in protobuf, as OpenTelemetry's exporters send it.
 * Each span is kept flattened ({@code trace_id}, {@code span_id}, {@code parent_span_id}
 * in hex, {@code name}, {@code kind}, start and end in epoch nanoseconds, {@code status},
 * {@code service_name}, and {@code attributes} as strings, numbers or lists), and
 * {@code GET /fake/traces} answers them as JSON in the order received;
 * {@code DELETE /fake/traces} forgets them.
 */
public final class OtlpTraces {

	public static final String PATH = "/v1/traces";

	public static final String CONTROL_PATH = "/fake/traces";

	private static final HexFormat HEX = HexFormat.of();

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * A queue, not a copy-on-write list: a traced load test sends hundreds of thousands.
	 */
	private final Queue<ObjectNode> spans = new ConcurrentLinkedQueue<>();

	public Mono<Void> receive(byte[] body, HttpServerResponse response) {
		ExportTraceServiceRequest request;
		try {
			request = ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			return response.status(HttpResponseStatus.BAD_REQUEST)
				.header("Content-Type", "text/plain")
				.sendString(Mono.just("not an ExportTraceServiceRequest: " + ex.getMessage()))
				.then();
		}
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			String service = serviceName(resourceSpans.getResource());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(flatten(span, service));
				}
			}
		}
		return response.status(HttpResponseStatus.OK)
			.header("Content-Type", "application/x-protobuf")
			.sendByteArray(Mono.just(ExportTraceServiceResponse.getDefaultInstance().toByteArray()))
			.then();
	}

	public Mono<Void> list(HttpServerResponse response) {
		ArrayNode all = this.json.createArrayNode();
		this.spans.forEach(all::add);
		return response.status(HttpResponseStatus.OK)
			.header("Content-Type", "application/json")
			.sendByteArray(Mono.just(this.json.writeValueAsBytes(all)))
			.then();
	}

	public void reset() {
		this.spans.clear();
	}

	private ObjectNode flatten(Span span, String service) {
		ObjectNode node = this.json.createObjectNode();
		node.put("trace_id", HEX.formatHex(span.getTraceId().toByteArray()));
		node.put("span_id", HEX.formatHex(span.getSpanId().toByteArray()));
		node.put("parent_span_id", HEX.formatHex(span.getParentSpanId().toByteArray()));
		node.put("name", span.getName());
		node.put("kind", span.getKind().name());
		node.put("start", span.getStartTimeUnixNano());
		node.put("end", span.getEndTimeUnixNano());
		node.put("status", span.getStatus().getCode().name());
		node.put("service_name", service);
		ObjectNode attributes = node.putObject("attributes");
		for (KeyValue attribute : span.getAttributesList()) {
			put(attributes, attribute.getKey(), attribute.getValue());
		}
		ArrayNode events = node.putArray("events");
		span.getEventsList().forEach((event) -> {
			ObjectNode flat = events.addObject().put("name", event.getName());
			ObjectNode eventAttributes = flat.putObject("attributes");
			event.getAttributesList().forEach((a) -> put(eventAttributes, a.getKey(), a.getValue()));
		});
		return node;
	}

	private void put(ObjectNode target, String key, AnyValue value) {
		switch (value.getValueCase()) {
			case STRING_VALUE -> target.put(key, value.getStringValue());
			case INT_VALUE -> target.put(key, value.getIntValue());
			case DOUBLE_VALUE -> target.put(key, value.getDoubleValue());
			case BOOL_VALUE -> target.put(key, value.getBoolValue());
			case ARRAY_VALUE -> {
				ArrayNode array = target.putArray(key);
				value.getArrayValue().getValuesList().forEach((item) -> array.add(item.getStringValue()));
			}
			default -> target.put(key, value.toString());
		}
	}

	private static String serviceName(Resource resource) {
		for (KeyValue attribute : resource.getAttributesList()) {
			if (attribute.getKey().equals("service.name")) {
				return attribute.getValue().getStringValue();
			}
		}
		return "";
	}

}
