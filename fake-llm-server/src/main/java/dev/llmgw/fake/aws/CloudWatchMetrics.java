package dev.llmgw.fake.aws;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * CloudWatch's PutMetricData as the AWS SDK for Java 2 sends it: Smithy RPC v2 CBOR,
 * {@code POST /service/GraniteServiceVersion20100801/operation/PutMetricData} with
 * {@code smithy-protocol: rpc-v2-cbor}. Each request's {@code Namespace} and
 * {@code MetricData} are kept, and {@code GET /fake/cloudwatch} answers them as JSON, in
 * the order received, for tests; {@code DELETE /fake/cloudwatch} forgets them. Another
 * operation is refused as CloudWatch refuses an unknown one.
 */
public final class CloudWatchMetrics {

	public static final String CONTROL_PATH = "/fake/cloudwatch";

	private static final String SERVICE_PATH = "/service/GraniteServiceVersion20100801/operation/";

	private final CBORMapper cbor = CBORMapper.builder().build();

	private final JsonMapper json = JsonMapper.builder().build();

	/** A queue, not a copy-on-write list, as for the other collectors. */
	private final Queue<JsonNode> received = new ConcurrentLinkedQueue<>();

	public static boolean isCloudWatchRequest(String path, HttpHeaders headers) {
		return path.startsWith(SERVICE_PATH) || "rpc-v2-cbor".equals(headers.get("smithy-protocol"));
	}

	public Mono<Void> handle(String path, byte[] body, HttpServerResponse response) {
		String operation = path.startsWith(SERVICE_PATH) ? path.substring(SERVICE_PATH.length()) : "";
		if (!"PutMetricData".equals(operation)) {
			return error(response, "UnknownOperationException", "The fake does not implement " + operation);
		}
		JsonNode request;
		try {
			request = this.cbor.readTree(body);
		}
		catch (JacksonException ex) {
			return error(response, "SerializationException", "The body is not CBOR: " + ex.getOriginalMessage());
		}
		if (!request.path("Namespace").isString() || !request.path("MetricData").isArray()) {
			return error(response, "MissingRequiredParameterException", "Namespace and MetricData are required");
		}
		ObjectNode kept = this.json.createObjectNode();
		kept.set("Namespace", request.path("Namespace"));
		kept.set("MetricData", request.path("MetricData"));
		this.received.add(kept);
		return reply(response, HttpResponseStatus.OK, this.cbor.writeValueAsBytes(this.cbor.createObjectNode()));
	}

	/**
	 * What PutMetricData received, as a JSON array of {@code {Namespace, MetricData}}.
	 */
	public Mono<Void> list(HttpServerResponse response) {
		ArrayNode all = this.json.createArrayNode();
		this.received.forEach(all::add);
		byte[] body = this.json.writeValueAsBytes(all);
		return response.status(HttpResponseStatus.OK)
			.header("Content-Type", "application/json")
			.sendByteArray(Mono.just(body))
			.then();
	}

	public void reset() {
		this.received.clear();
	}

	private Mono<Void> error(HttpServerResponse response, String type, String message) {
		ObjectNode body = this.cbor.createObjectNode().put("__type", type).put("message", message);
		return reply(response, HttpResponseStatus.BAD_REQUEST, this.cbor.writeValueAsBytes(body));
	}

	private static Mono<Void> reply(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
		return response.status(status)
			.header("smithy-protocol", "rpc-v2-cbor")
			.header("Content-Type", "application/cbor")
			.sendByteArray(Mono.just(body))
			.then();
	}

}
