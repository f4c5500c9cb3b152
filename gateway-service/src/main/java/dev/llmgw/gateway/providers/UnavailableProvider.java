package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.BadRequestError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers for providers this version of the gateway has no adapter for: the model is
 * listed, and a call says plainly which provider is missing instead of failing obscurely.
 */
final class UnavailableProvider implements ChatProvider {

	@Override
	public Mono<ChatResult> complete(ProviderCall call) {
		return Mono.error(error(call));
	}

	@Override
	public Flux<byte[]> stream(ProviderCall call, StreamTally tally) {
		return Flux.error(error(call));
	}

	private static BadRequestError error(ProviderCall call) {
		return new BadRequestError("Provider '" + call.deployment().provider().name() + "' of model "
				+ call.deployment().modelName() + " is not supported by this gateway version", null, "model");
	}

}
