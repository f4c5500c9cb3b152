package dev.llmgw.fake.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Secrets Manager's GetSecretValue (AWS JSON 1.1, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue}), as
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 * answers it, for secrets stored with {@code POST /fake/secrets} ({@code {"name",
 * "secretString"}}; the answer carries the secret's ARN). A secret is found by name, full
 * ARN or partial ARN (without the random suffix); an unknown one is
 * {@code ResourceNotFoundException}.
 */
public final class Secrets {

	public static final String CONTROL_PATH = "/fake/secrets";

	private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-1:000000000000:secret:";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, String> values = new ConcurrentHashMap<>();

	public static boolean isSecretsManagerRequest(HttpHeaders headers) {
		return headers.get("X-Amz-Target", "").startsWith("secretsmanager.");
	}

	public Mono<Void> store(byte[] body, HttpServerResponse response) {
		JsonNode secret = this.mapper.readTree(body);
		String name = secret.path("name").asString("");
		this.values.put(name, secret.path("secretString").asString(""));
		ObjectNode reply = this.mapper.createObjectNode().put("ARN", arn(name)).put("Name", name);
		return Replies.json(response, HttpResponseStatus.OK, this.mapper.writeValueAsBytes(reply));
	}

	public Mono<Void> handle(HttpHeaders headers, byte[] body, HttpServerResponse response) {
		String operation = headers.get("X-Amz-Target", "").substring("secretsmanager.".length());
		if (!operation.equals("GetSecretValue")) {
			return error(response, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
					"The fake does not implement " + operation);
		}
		String id = this.mapper.readTree(body).path("SecretId").asString("");
		String name = name(id);
		String value = this.values.get(name);
		if (value == null) {
			return error(response, HttpResponseStatus.BAD_REQUEST, "ResourceNotFoundException",
					"Secrets Manager can't find the specified secret.");
		}
		ObjectNode reply = this.mapper.createObjectNode()
			.put("ARN", arn(name))
			.put("Name", name)
			.put("SecretString", value)
			.put("VersionId", "fake-version");
		reply.putArray("VersionStages").add("AWSCURRENT");
		return Replies.json(response, HttpResponseStatus.OK, this.mapper.writeValueAsBytes(reply));
	}

	private static String arn(String name) {
		return ARN_PREFIX + name + "-AbCdEf";
	}

	/** The secret's name from a name, a full ARN or a partial ARN. */
	private String name(String id) {
		int marker = id.indexOf(":secret:");
		if (marker < 0) {
			return id;
		}
		String name = id.substring(marker + ":secret:".length());
		if (this.values.containsKey(name)) {
			return name;
		}
		int suffix = name.lastIndexOf('-');
		return (suffix > 0 && name.length() - suffix == 7) ? name.substring(0, suffix) : name;
	}

	private Mono<Void> error(HttpServerResponse response, HttpResponseStatus status, String type, String message) {
		ObjectNode body = this.mapper.createObjectNode().put("__type", type).put("message", message);
		response.header("x-amzn-ErrorType", type);
		return Replies.json(response, status, this.mapper.writeValueAsBytes(body));
	}

}
