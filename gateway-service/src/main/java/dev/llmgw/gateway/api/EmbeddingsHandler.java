package dev.llmgw.gateway.api;

import dev.llmgw.gateway.routing.Failover;
import dev.llmgw.gateway.admission.ModelCallGate;
import java.util.List;

import dev.llmgw.gateway.budget.BudgetGate;
import dev.llmgw.gateway.budget.PromptBound;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.EmbeddingCall;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.routing.Router;
import dev.llmgw.gateway.pricing.CostCalculator;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.web.CallContext;
import dev.llmgw.model.openai.EmbeddingRequest;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /v1/embeddings}: the same admission as chat (access, limits, budgets), then
 * the provider's embeddings, priced at the model's input price.
 */
public final class EmbeddingsHandler {

	private final JsonBodyReader bodies;

	private final ModelCallGate gate;

	private final ProviderRegistry providers;

	private final PriceMap prices;

	private final ModelRegistry models;

	private final Router router;

	public EmbeddingsHandler(JsonBodyReader bodies, ModelCallGate gate, ProviderRegistry providers, PriceMap prices,
			ModelRegistry models, Router router) {
		this.models = models;
		this.router = router;
		this.bodies = bodies;
		this.gate = gate;
		this.providers = providers;
		this.prices = prices;
	}

	public Mono<ServerResponse> handle(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		String pathModel = request.pathVariables().get("model");
		return this.bodies.read(exchange, EmbeddingRequest.class).flatMap((body) -> {
			EmbeddingRequest embedding = (pathModel != null) ? body.withModel(pathModel) : body;
			String model = validate(embedding);
			return this.gate
				.admit(exchange, model, ModelCallGate.endUser(exchange, embedding.user()), "/embeddings",
						embedding.inputChars(), BudgetGate.Estimate.tokens(PromptBound.tokens(embedding.input()), 0))
				.flatMap((deployment) -> failover(exchange, model, deployment, embedding)
					.run(deployment,
							(chosen) -> this.providers.forDeployment(chosen)
								.embed(new EmbeddingCall(chosen, embedding, CallContext.of(exchange).callId())),
							() -> true)
					.next()
					.flatMap((result) -> {
						CallContext context = CallContext.of(exchange);
						Deployment answered = (context.deployment() != null) ? context.deployment() : deployment;
						context.usage(result.usage());
						double cost = CostCalculator.cost(this.prices.priceOf(answered), result.usage());
						context.cost(cost);
						return ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.header("x-litellm-response-cost", Double.toString(cost))
							.bodyValue(result.body());
					}));
		});
	}

	private Failover failover(ServerWebExchange exchange, String model, Deployment deployment,
			EmbeddingRequest embedding) {
		ModelGroup group = this.models.find(model);
		return new Failover(exchange, this.router, this.models, embedding.extra(),
				(group != null) ? group : ModelGroup.of(model, List.of(deployment)), 0);
	}

	private static String validate(EmbeddingRequest request) {
		String model = request.model();
		if (model == null || model.isBlank()) {
			throw new BadRequestError("Missing required parameter: 'model'", null, "model");
		}
		Object input = request.input();
		boolean valid = (input instanceof String text && !text.isEmpty())
				|| (input instanceof List<?> items && !items.isEmpty());
		if (!valid) {
			throw new BadRequestError("Missing required parameter: 'input' (a string or a non-empty list)", null,
					"input");
		}
		return model;
	}

}
