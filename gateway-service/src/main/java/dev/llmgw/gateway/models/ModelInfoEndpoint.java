package dev.llmgw.gateway.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /model/info} and {@code /v1/model/info}: every deployment the caller may use
 * (as /v1/models filters them), or the one named by {@code ?litellm_model_id=}.
 */
final class ModelInfoEndpoint {

	private final ModelRegistry registry;

	private final ModelInfoView view;

	ModelInfoEndpoint(ModelRegistry registry, ModelInfoView view) {
		this.registry = registry;
		this.view = view;
	}

	Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String wanted = request.queryParam("litellm_model_id").filter((id) -> !id.isBlank()).orElse(null);
		List<Map<String, Object>> data = new ArrayList<>();
		for (Deployment deployment : this.registry.deployments()) {
			if ((wanted == null || wanted.equals(deployment.id())) && mayUse(caller, deployment.modelName())) {
				data.add(this.view.render(deployment, this.registry.isStored(deployment.id())));
			}
		}
		if (wanted != null && data.isEmpty()) {
			return Mono.error(LiteLlmErrors.notOnProxy(wanted));
		}
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("data", data));
	}

	private boolean mayUse(CallerIdentity caller, String modelName) {
		if (caller.access().allows(modelName)) {
			return true;
		}
		String aliasTarget = this.registry.aliasTarget(modelName);
		return aliasTarget != null && caller.access().allows(aliasTarget);
	}

}
