package dev.llmgw.middleware.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Answers failures on the {@code /bedrock} routes in Bedrock's shape: status,
 * {@code x-amzn-ErrorType} and {@code {"message": ...}}, never a 200 with an error
 * inside, so that boto3 and the AWS SDKs raise the matching exception.
 */
public final class BedrockErrorHandler implements WebExceptionHandler, Ordered {

	private static final Logger log = LoggerFactory.getLogger(BedrockErrorHandler.class);

	private final JsonMapper mapper;

	public BedrockErrorHandler(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public int getOrder() {
		// before Spring Boot's default handler (-1)
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		// on any path: this handler runs before Spring's, which would log it
		if (ClientDisconnects.is(ex) && exchange.getResponse().isCommitted()) {
			return ClientDisconnects.noted(exchange, ex);
		}
		ServerHttpResponse response = exchange.getResponse();
		if (!exchange.getRequest().getPath().value().startsWith("/bedrock/") || response.isCommitted()) {
			return Mono.error(ex);
		}
		BedrockError error = classify(ex);
		byte[] body = this.mapper.writeValueAsBytes(this.mapper.createObjectNode().put("message", error.getMessage()));
		response.setStatusCode(HttpStatusCode.valueOf(error.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set("x-amzn-ErrorType", error.type());
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * Any failure as the error a client is told, on either interface: the middleware's
	 * own errors as they are, an unreachable gateway as 503, anything else as 500
	 * (logged).
	 */
	public static BedrockError classify(Throwable ex) {
		if (ex instanceof BedrockError known) {
			return known;
		}
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			String reason = (status.getReason() != null) ? status.getReason() : "Request refused";
			return (code == 404) ? new BedrockError(404, "ResourceNotFoundException", "Unknown operation: " + reason)
					: BedrockError.fromGateway(code, reason);
		}
		if (ClientDisconnects.is(ex)) {
			// usually the caller, who will not read this; else the gateway's connection
			// reset before it answered
			return new BedrockError(503, "ServiceUnavailableException",
					"The connection closed before the answer was complete");
		}
		if (ex instanceof java.net.ConnectException || ex.getCause() instanceof java.net.ConnectException) {
			return new BedrockError(503, "ServiceUnavailableException", "The gateway cannot be reached");
		}
		log.error("unexpected failure", ex);
		return new BedrockError(500, "InternalServerException", "Internal server error");
	}

}
