package dev.llmgw.gateway.ui;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Models: every deployment the caller may use ({@code /model/info}, whose secrets are
 * already masked), with health on request ({@code /health}, one small call per
 * deployment, so never on a plain page view); add, edit and delete the models stored in
 * the database. A stored key is never shown again, and an empty key box on edit keeps it.
 */
final class ModelsPage {

	static final String PATH = "/ui/models";

	private final AdminCalls api;

	ModelsPage(AdminCalls api) {
		this.api = api;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		return render(request, null);
	}

	/** The list again, with each deployment's health from one round of probes. */
	Mono<ServerResponse> health(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> this.api.get(request, "/health")).flatMap((health) -> {
			Map<String, String> byId = new HashMap<>();
			UiLayout.rows(health.get("healthy_endpoints"))
				.forEach((row) -> byId.put(String.valueOf(row.get("model_id")), "healthy"));
			UiLayout.rows(health.get("unhealthy_endpoints"))
				.forEach((row) -> byId.put(String.valueOf(row.get("model_id")),
						"unhealthy: " + shortened(String.valueOf(row.get("error")))));
			return render(request, byId);
		}).onErrorResume((error) -> UiLayout.failed(request, "Models", error));
	}

	private Mono<ServerResponse> render(ServerRequest request, @Nullable Map<String, String> health) {
		return this.api.get(request, "/model/info").flatMap((body) -> UiLayout.render(request, "Models", (html) -> {
			html.open("div", "class", "actions");
			UiLayout.action(html, request, PATH + "/health", "Check health", null);
			html.close("div");
			UiLayout.table(
					html, "Deployments", List.of("Model name", "Provider model", "API base", "Mode",
							"Price in / out per 1M tokens", "Source", "Health"),
					UiLayout.rows(body.get("data")), (row, model) -> {
						Map<String, Object> params = UiLayout.map(model.get("litellm_params"));
						Map<String, Object> info = UiLayout.map(model.get("model_info"));
						boolean stored = Boolean.TRUE.equals(info.get("db_model"));
						row.open("td");
						if (stored) {
							row.link(Html.url(PATH + "/view", "id", info.get("id")), model.get("model_name"));
						}
						else {
							row.text(model.get("model_name"));
						}
						row.close("td");
						row.el("td", params.get("model"), "class", "mono");
						row.el("td", UiLayout.cell(params.get("api_base")));
						row.el("td", UiLayout.cell(info.get("mode")));
						row.el("td", perMillion(info.get("input_cost_per_token")) + " / "
								+ perMillion(info.get("output_cost_per_token")));
						row.el("td", stored ? "database" : "config file");
						Object missing = info.get("missing_setting");
						row.el("td", (missing != null) ? "unavailable: set " + missing : (health != null)
								? health.getOrDefault(String.valueOf(info.get("id")), "not probed") : "–");
					});
			html.el("h2", "Add a model");
			UiLayout.form(html, request, PATH + "/new", "Add model",
					List.of(Field.text("model_name", "Model name", null, "The name callers use").mandatory(),
							Field
								.text("model", "Provider model", null,
										"Such as openai/gpt-4o or bedrock/anthropic.claude-3-haiku")
								.mandatory(),
							Field.text("api_base", "API base", null, null),
							new Field("api_key", "API key", "password", null, "Stored, and never shown again", false),
							Field.number("input_cost_per_token", "Input cost per token (USD)", null, null),
							Field.number("output_cost_per_token", "Output cost per token (USD)", null, null)));
		})).onErrorResume((error) -> UiLayout.failed(request, "Models", error));
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("model", form.required("model", "Provider model"));
			UiForms.putIfPresent(params, "api_base", form.text("api_base"));
			UiForms.putIfPresent(params, "api_key", form.text("api_key"));
			Map<String, Object> info = new LinkedHashMap<>();
			UiForms.putIfPresent(info, "input_cost_per_token", form.number("input_cost_per_token", "Input cost"));
			UiForms.putIfPresent(info, "output_cost_per_token", form.number("output_cost_per_token", "Output cost"));
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("model_name", form.required("model_name", "Model name"));
			body.put("litellm_params", params);
			body.put("model_info", info);
			return this.api.post(request, "/model/new", body).then(UiResponses.seeOther(PATH));
		}).onErrorResume((error) -> UiLayout.failed(request, "Models", error));
	}

	Mono<ServerResponse> view(ServerRequest request) {
		String id = request.queryParam("id").orElse("");
		return this.api.get(request, "/model/info", "litellm_model_id", id).flatMap((body) -> {
			Map<String, Object> model = UiLayout.rows(body.get("data")).stream().findFirst().orElse(Map.of());
			Map<String, Object> params = UiLayout.map(model.get("litellm_params"));
			return UiLayout.render(request, "Model " + model.get("model_name"), (html) -> {
				UiLayout.openForm(html, request, PATH + "/update", "stack", null);
				html.open("input", "type", "hidden", "name", "id", "value", id);
				Field.text("model_name", "Model name", model.get("model_name"), null).render(html);
				Field.text("model", "Provider model", params.get("model"), null).render(html);
				Field.text("api_base", "API base", params.get("api_base"), null).render(html);
				new Field("api_key", "API key", "password", null, "Empty keeps the stored key", false).render(html);
				html.el("button", "Save", "type", "submit");
				html.close("form");
				html.open("div", "class", "actions");
				UiLayout.action(html, request, PATH + "/delete", "Delete model", "Delete this model?", "id", id);
				html.close("div");
			});
		}).onErrorResume((error) -> UiLayout.failed(request, "Model", error));
	}

	Mono<ServerResponse> update(ServerRequest request) {
		return UiForms.read(request).flatMap((form) -> {
			String id = form.required("id", "The model");
			Map<String, Object> params = new LinkedHashMap<>();
			UiForms.putIfPresent(params, "model", form.text("model"));
			UiForms.putIfPresent(params, "api_base", form.text("api_base"));
			UiForms.putIfPresent(params, "api_key", form.text("api_key"));
			Map<String, Object> body = new LinkedHashMap<>();
			UiForms.putIfPresent(body, "model_name", form.text("model_name"));
			body.put("litellm_params", params);
			body.put("model_info", Map.of("id", id));
			return this.api.post(request, "/model/update", body).then(UiResponses.seeOther(PATH));
		}).onErrorResume((error) -> UiLayout.failed(request, "Model", error));
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		return UiForms.read(request)
			.flatMap((form) -> this.api.post(request, "/model/delete", Map.of("id", form.required("id", "The model"))))
			.then(UiResponses.seeOther(PATH))
			.onErrorResume((error) -> UiLayout.failed(request, "Model", error));
	}

	private static String perMillion(@Nullable Object perToken) {
		return (perToken instanceof Number number)
				? String.format(java.util.Locale.ROOT, "$%.2f", number.doubleValue() * 1_000_000) : "–";
	}

	private static String shortened(String text) {
		return (text.length() > 160) ? text.substring(0, 160) + "…" : text;
	}

}
