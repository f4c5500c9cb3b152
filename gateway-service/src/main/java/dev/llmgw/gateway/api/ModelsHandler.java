package dev.llmgw.gateway.api;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.ModelAccess;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.model.openai.ModelCard;
import dev.llmgw.model.openai.ModelList;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}}, answered from the model list
 * rendered once at start. The created time and owner are fixed values, as LiteLLM returns
 * them.
 */
public final class ModelsHandler {

	private static final long CREATED = 1677610602L;

	private static final String OWNER = "openai";

	private final ModelRegistry models;

	private final JsonMapper mapper;

	/** The full list, rendered again only after the models change (/model/new). */
	private volatile Rendered rendered;

	public ModelsHandler(ModelRegistry models, JsonMapper mapper) {
		this.models = models;
		this.mapper = mapper;
		this.rendered = render();
	}

	private Rendered render() {
		long generation = this.models.generation();
		List<ModelCard> cards = new ArrayList<>();
		for (String name : this.models.modelNames()) {
			cards.add(ModelCard.of(name, CREATED, OWNER));
		}
		return new Rendered(generation, this.mapper.writeValueAsBytes(ModelList.of(cards)));
	}

	/**
	 * The models the caller may use: all of them, pre-rendered, for callers without model
	 * lists.
	 */
	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (caller == null || caller.access().equals(ModelAccess.ALL)) {
			Rendered current = this.rendered;
			if (current.generation() != this.models.generation()) {
				current = render();
				this.rendered = current;
			}
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(current.body());
		}
		List<ModelCard> cards = new ArrayList<>();
		for (String name : this.models.modelNames()) {
			String aliasTarget = this.models.aliasTarget(name);
			if (caller.access().allows(name) || (aliasTarget != null && caller.access().allows(aliasTarget))) {
				cards.add(ModelCard.of(name, CREATED, OWNER));
			}
		}
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(ModelList.of(cards)));
	}

	public Mono<ServerResponse> get(ServerRequest request) {
		// {*model} captures names with slashes (openai/gpt-4o) and keeps the leading
		// slash
		String model = request.pathVariable("model").substring(1);
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		if (this.models.find(model) == null || (caller != null && !caller.access().allows(model))) {
			return Mono.error(new NotFoundError("The model '" + model + "' does not exist. Call `/v1/models` to "
					+ "view available models for your key.", null, "model"));
		}
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(ModelCard.of(model, CREATED, OWNER)));
	}

	private record Rendered(long generation, byte[] body) {

	}

}
