package dev.llmgw.gateway.providers.vertex;

import dev.llmgw.gateway.providers.ProviderSetup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A Vertex AI deployment's project, location and service account, resolved when the
 * deployment was created: at start-up for config.yaml's models, so their calls never read
 * a file; on a worker thread at the first call for a model stored with /model/new whose
 * file was not read before. A deployment without credentials carries the error its calls
 * answer, and names the setting to set.
 */
final class VertexSetup implements ProviderSetup {

	private final Mono<VertexTarget> target;

	private final @Nullable String missingSetting;

	VertexSetup(Mono<VertexTarget> target, @Nullable String missingSetting) {
		this.target = target;
		this.missingSetting = missingSetting;
	}

	Mono<VertexTarget> target() {
		return this.target;
	}

	@Override
	public @Nullable String missingSetting() {
		return this.missingSetting;
	}

	@Override
	public String toString() {
		return "VertexSetup[" + ((this.missingSetting != null) ? "missing " + this.missingSetting : "ready") + "]";
	}

}
