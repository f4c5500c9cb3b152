package dev.llmgw.gateway.error;

/**
 * 500: a fault of the gateway itself. The message names the call id to look up in the
 * logs, nothing more.
 */
public final class InternalError extends GatewayError {

	public InternalError(String message) {
		super(500, "internal_server_error", message, null);
	}

}
