package dev.llmgw.fake.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import dev.llmgw.fake.aws.SigV4;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.openai.OpenAiChatRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /endpoints/{EndpointName}/invocations} (InvokeEndpoint) and
 * {@code /invocations-response-stream} (InvokeEndpointWithResponseStream), as an endpoint
 * serving a Hugging Face TGI container answers them. The body tells the two container
 * APIs apart: {@code {"inputs"}} is TGI's generate, {@code {"messages"}} its
 * OpenAI-compatible Messages API, answered by the OpenAI chat route with SageMaker's
 * errors and, streamed, in {@code PayloadPart}s. The path, not the body's {@code stream},
 * decides whether to stream, as SageMaker's operation does.
 * <p>
 * Every call must be SigV4-signed for the {@code sagemaker} service, whatever the
 * server's API key setting. Any well-formed endpoint name exists, except names starting
 * {@code missing-}, which SageMaker does not find.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">InvokeEndpoint</a>
 * @see <a href= "https://huggingface.co/docs/text-generation-inference/messages_api">TGI
 * Messages API</a>
 */
public final class SageMakerRoute implements ProviderRoute {

	static final String INVOKED_VARIANT = "x-Amzn-Invoked-Production-Variant";

	static final String VARIANT = "AllTraffic";

	private static final String SIGNING_NAME = "sagemaker";

	// the EndpointName shape of the service model
	private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

	private static final String MISSING = "missing-";

	private final TgiGeneration tgi;

	private final ProviderRoute chat;

	public SageMakerRoute(FailureCounter failures) {
		this.tgi = new TgiGeneration(failures);
		this.chat = new OpenAiChatRoute(failures, SageMakerErrors::send, PayloadParts::send);
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && SageMakerPath.parse(path) != null;
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		String authorization = call.request().requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (!SigV4.isSigned(authorization)) {
			return SageMakerErrors.missingAuthenticationToken(response);
		}
		if (!SIGNING_NAME.equals(SigV4.service(authorization))) {
			return SageMakerErrors.wrongService(response);
		}
		SageMakerPath path = SageMakerPath.parse(call.path());
		if (path == null || !ENDPOINT_NAME.matcher(path.name()).matches()) {
			String name = (path != null) ? path.name() : "";
			return SageMakerErrors.validation(response, "1 validation error detected: Value '" + name
					+ "' at 'endpointName' failed to satisfy constraint: Member must satisfy regular expression "
					+ "pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*");
		}
		if (path.name().startsWith(MISSING)) {
			return SageMakerErrors.endpointNotFound(response, path.name());
		}
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			// what TGI's web framework answers to a body that is not JSON
			return SageMakerErrors.modelError(response, path.name(), 400,
					"Failed to parse the request body as JSON: expected value at line 1 column 1");
		}
		if (body instanceof ObjectNode object && object.path("messages").isArray()) {
			response.header(INVOKED_VARIANT, VARIANT);
			return this.chat.handle(asChat(call, path, object));
		}
		if (body.isObject() && body.has("inputs")) {
			return this.tgi.handle(call, path, body);
		}
		return SageMakerErrors.modelError(response, path.name(), 422, "Failed to deserialize the JSON body into the "
				+ "target type: missing field `inputs` at line 1 column " + Math.max(1, call.body().length));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return SageMakerErrors.missingAuthenticationToken(response);
	}

	/**
	 * The call as the chat route reads it: the endpoint names the model, so that stats
	 * and directives key on it, and the operation decides streaming.
	 */
	private static ProviderCall asChat(ProviderCall call, SageMakerPath path, ObjectNode body) {
		ObjectNode chat = body.deepCopy();
		chat.put("model", path.endpoint());
		chat.put("stream", path.stream());
		return new ProviderCall(call.request(), call.response(), call.path(),
				chat.toString().getBytes(StandardCharsets.UTF_8), call.modelCounter());
	}

}
