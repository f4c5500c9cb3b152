package dev.llmgw.gateway.api;

import java.util.Set;
import java.util.stream.Collectors;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.DatabaseFaults;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.InternalError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.error.ServiceUnavailableError;
import dev.llmgw.gateway.error.UpstreamError;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns anything that escapes a handler into a member of the gateway's error family, so
 * that one renderer covers every failure. Returns null for a real fault of the gateway,
 * which is then logged and answered with a bare 500.
 */
public final class ErrorClassifier {

	private ErrorClassifier() {
	}

	public static @Nullable GatewayError classify(Throwable error, ServerWebExchange exchange) {
		if (error instanceof GatewayError gatewayError) {
			return gatewayError;
		}
		// every route that reads or writes the database (key lookups, the admin API)
		// answers an outage the same way, so that no handler has to catch it
		if (DatabaseFaults.isUnreachable(error)) {
			return ServiceUnavailableError.databaseUnreachable();
		}
		if (error instanceof DataBufferLimitException) {
			return new RequestTooLargeError(
					"Request body is larger than the allowed maximum " + "(general_settings.max_request_size_mb)");
		}
		if (error instanceof DuplicateKeyException) {
			// two requests creating one id at once: the loser learns what the admin
			// routes
			// answer when it exists already, a 400, not a fault of the gateway
			return new BadRequestError("Already exists: a request with the same id or alias was made at the same time. "
					+ "Use a different one, or look it up");
		}
		String route = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		if (error instanceof MethodNotAllowedException notAllowed) {
			return methodNotAllowed(exchange, notAllowed.getSupportedMethods());
		}
		if (error instanceof ServerWebInputException input) {
			return new BadRequestError("Invalid request: " + input.getReason());
		}
		if (error instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			if (code == 404) {
				return notFound(exchange);
			}
			if (code < 500) {
				return new UpstreamError(code, "invalid_request_error",
						(status.getReason() != null) ? status.getReason() : "Request refused: " + route, null);
			}
		}
		return null;
	}

	/** No route takes the path under any method. */
	static NotFoundError notFound(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		String route = exchange.getRequest().getMethod() + " " + path;
		// the hint is for a caller who left /v1 out, not one who has it
		boolean underV1 = path.equals("/v1") || path.startsWith("/v1/");
		return new NotFoundError("Route not found: " + route
				+ (underV1 ? "" : ". OpenAI-compatible routes live under /v1 (e.g. POST /v1/chat/completions)"));
	}

	/**
	 * The path is a route, under other methods: a 405 (its {@code Allow} header is the
	 * handler's).
	 */
	public static GatewayError methodNotAllowed(ServerWebExchange exchange, Set<HttpMethod> allowed) {
		String route = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
		String methods = allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
		return new UpstreamError(405, BadRequestError.TYPE,
				"Method not allowed: " + route + (methods.isEmpty() ? "" : ". This route answers " + methods), null);
	}

	public static InternalError internal(String callId) {
		return new InternalError("Internal server error. Quote call id " + callId + " when reporting it.");
	}

}
