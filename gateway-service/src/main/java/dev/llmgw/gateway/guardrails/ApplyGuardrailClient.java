package dev.llmgw.gateway.guardrails;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.llmgw.cloud.AwsPathEncoding;
import dev.llmgw.gateway.providers.bedrock.BedrockRuntimeTarget;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's ApplyGuardrail as a plain signed HTTP call: the AWS SDK signs it (SigV4, its
 * own signer, with the models' credentials chain) and the gateway's own Reactor Netty
 * client sends it on the event loop the call is already on. The SDK's async client did
 * the same through its request pipeline (endpoint rules, interceptors, marshalling) and
 * its own event loops, which cost more than half a millisecond per check; LiteLLM's
 * guardrail hook likewise signs its own request.
 */
final class ApplyGuardrailClient implements AutoCloseable {

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	/** Longest AWS error message kept in the failure that a check becomes. */
	private static final int MAX_ERROR_CHARS = 300;

	private final JsonMapper mapper;

	private final ConnectionProvider pool = ConnectionProvider.builder("guardrails")
		.maxConnections(500)
		// beyond this many checks waiting for a connection, a check fails (and the call
		// is
		// refused, or let through with fail_on_error: false) rather than queueing without
		// end
		.pendingAcquireMaxCount(10_000)
		.maxIdleTime(Duration.ofSeconds(20))
		.evictInBackground(Duration.ofSeconds(20))
		.build();

	// the server's event loops (Reactor Netty's global resources), so that a check stays
	// on the thread of the call it guards
	private final HttpClient http = HttpClient.create(this.pool)
		.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
		.keepAlive(true)
		.compress(false);

	ApplyGuardrailClient(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Checks texts with one guardrail.
	 * @param target where and as whom
	 * @param identifier the guardrail's identifier (an id or an ARN)
	 * @param version its version ({@code DRAFT} or a number)
	 * @param source {@code INPUT} or {@code OUTPUT}
	 * @param texts the texts, one content block each
	 * @return ApplyGuardrail's answer; an error when AWS refused or could not be reached
	 */
	Mono<JsonNode> apply(BedrockRuntimeTarget target, String identifier, String version, String source,
			List<String> texts) {
		byte[] body = body(source, texts);
		URI uri = uri(target.endpoint(), identifier, version);
		return Mono.fromFuture(() -> target.credentials().resolveIdentity(), true).flatMap((identity) -> {
			SdkHttpRequest request = SdkHttpRequest.builder()
				.method(SdkHttpMethod.POST)
				.uri(uri)
				.putHeader("Content-Type", "application/json")
				.build();
			SdkHttpRequest signed = sign(request, body, target.region(), identity, Clock.systemUTC());
			return this.http.headers((sent) -> {
				signed.forEachHeader((name, values) -> values.forEach((value) -> sent.add(name, value)));
				sent.set("Content-Length", Integer.toString(body.length));
			})
				.post()
				.uri(uri)
				.send((sending, out) -> out.sendByteArray(Mono.just(body)))
				.responseSingle((response, content) -> content.asByteArray()
					.defaultIfEmpty(new byte[0])
					.map((bytes) -> answer(response.status().code(), response.responseHeaders().get("x-amzn-ErrorType"),
							bytes)));
		});
	}

	byte[] body(String source, List<String> texts) {
		ObjectNode request = this.mapper.createObjectNode();
		request.put("source", source);
		ArrayNode content = request.putArray("content");
		for (String text : texts) {
			content.addObject().putObject("text").put("text", text);
		}
		return this.mapper.writeValueAsBytes(request);
	}

	private JsonNode answer(int status, String errorType, byte[] bytes) {
		JsonNode answer;
		try {
			answer = (bytes.length > 0) ? this.mapper.readTree(bytes) : this.mapper.createObjectNode();
		}
		catch (JacksonException ex) {
			throw new GuardrailServiceException("ApplyGuardrail answered " + status + " with a body that is not JSON");
		}
		if (status != 200) {
			String message = answer.path("message").asString(answer.path("Message").asString(""));
			if (message.length() > MAX_ERROR_CHARS) {
				message = message.substring(0, MAX_ERROR_CHARS) + "...";
			}
			String type = (errorType != null) ? errorType.split(":", 2)[0] : "";
			throw new GuardrailServiceException("ApplyGuardrail answered " + status + " " + type + ": " + message);
		}
		return answer;
	}

	/**
	 * A POST signed as Bedrock's runtime expects (the SDK's defaults for it: the path's
	 * escapes escaped again in the canonical request, the payload's hash signed).
	 */
	static SdkHttpRequest sign(SdkHttpRequest request, byte[] body, String region, AwsCredentialsIdentity identity,
			Clock clock) {
		return SIGNER
			.sign((signing) -> signing.identity(identity)
				.request(request)
				.payload(ContentStreamProvider.fromByteArrayUnsafe(body))
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, BedrockRuntimeTarget.SIGNING_NAME)
				.putProperty(AwsV4HttpSigner.REGION_NAME, region)
				.putProperty(HttpSigner.SIGNING_CLOCK, clock))
			.request();
	}

	/** ApplyGuardrail's URL: each label escaped whole, as the SDK does (an ARN's too). */
	static URI uri(URI endpoint, String identifier, String version) {
		return URI.create(endpoint + "/guardrail/" + label(identifier) + "/version/" + label(version) + "/apply");
	}

	/**
	 * One path label: every byte but RFC 3986's unreserved characters percent-encoded.
	 */
	static String label(String value) {
		return AwsPathEncoding.encode(value, false);
	}

	@Override
	public void close() {
		this.pool.disposeLater().block(Duration.ofSeconds(5));
	}

	/**
	 * ApplyGuardrail refused or answered what cannot be read: the check has no answer.
	 */
	static final class GuardrailServiceException extends RuntimeException {

		GuardrailServiceException(String message) {
			super(message, null, false, false);
		}

	}

}
