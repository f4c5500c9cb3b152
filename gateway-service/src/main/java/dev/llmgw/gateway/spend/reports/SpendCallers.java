package dev.llmgw.gateway.spend.reports;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.AuthenticationError;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Who asks a usage or spend route: authentication always names a caller there. */
final class SpendCallers {

	private SpendCallers() {
	}

	static CallerIdentity of(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (caller == null) {
			throw new AuthenticationError("Authentication Error, no key was given");
		}
		return caller;
	}

}
