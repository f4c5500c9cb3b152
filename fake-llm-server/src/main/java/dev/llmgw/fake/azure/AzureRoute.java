package dev.llmgw.fake.azure;

import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * An OpenAI route under Azure's deployment path. The deployment names the model, and the
 * OpenAI route reads it from the path; this route adds what Azure does differently: it
 * requires {@code api-version} and fails in Azure's shapes.
 *
 * @see <a href=
 * "https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference">Azure OpenAI REST
 * API reference</a>
 */
public final class AzureRoute implements ProviderRoute {

	private static final String DEPLOYMENTS = "/openai/deployments/";

	private final String pathSuffix;

	private final ProviderRoute openAi;

	/**
	 * @param pathSuffix the operation after the deployment, e.g.
	 * {@code /chat/completions}
	 * @param openAi the OpenAI route that answers, built with {@link AzureErrors#send}
	 */
	public AzureRoute(String pathSuffix, ProviderRoute openAi) {
		this.pathSuffix = pathSuffix;
		this.openAi = openAi;
	}

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.startsWith(DEPLOYMENTS) && path.endsWith(this.pathSuffix);
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		String apiVersion = call.queryParam("api-version");
		if (apiVersion == null || apiVersion.isBlank()) {
			return AzureErrors.missingApiVersion(call.response());
		}
		return this.openAi.handle(call);
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return AzureErrors.accessDenied(response);
	}

}
