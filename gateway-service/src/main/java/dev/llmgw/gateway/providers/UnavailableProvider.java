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

	@Override
	public Mono<ChatResult> embed(EmbeddingCall call) {
		return Mono.error(error(call.deployment()));
	}

	private static BadRequestError error(ProviderCall call) {
		return error(call.deployment());
	}

	private static BadRequestError error(dev.llmgw.gateway.providers.Deployment deployment) {
		return new BadRequestError("Provider '" + deployment.provider().name() + "' of model " + deployment.modelName()
				+ " is not supported by this gateway version", null, "model");
	}

}
