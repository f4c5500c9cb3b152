package dev.llmgw.gateway.ui;

import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.GatewayError;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Read-only views of what the config file sets: router settings
 * ({@code /router/settings}), the response cache ({@code /cache/ping}) and the guardrails
 * ({@code /guardrails/list}). The routes mask secrets already; these settings change in
 * the config file, not here.
 */
final class SettingsPage {

	static final String PATH = "/ui/settings";

	private final AdminCalls api;

	private final JsonMapper mapper;

	SettingsPage(AdminCalls api, JsonMapper mapper) {
		this.api = api;
		this.mapper = mapper;
	}

	Mono<ServerResponse> show(ServerRequest request) {
		Mono<Map<String, Object>> router = this.api.get(request, "/router/settings");
		Mono<Map<String, Object>> cache = this.api.get(request, "/cache/ping")
			.onErrorResume(GatewayError.class,
					(error) -> Mono.just(Map.of("status", "off or unreachable", "detail", error.getMessage())));
		Mono<Map<String, Object>> guardrails = this.api.get(request, "/guardrails/list");
		return Mono.zip(router, cache, guardrails).flatMap((all) -> UiLayout.render(request, "Settings", (html) -> {
			html.el("p", "These settings come from the config file; change them there and restart.");
			html.el("h2", "Router");
			UiLayout.table(html, "Router settings", List.of("Setting", "Value", "Default", "About"),
					UiLayout.rows(all.getT1().get("fields")), (row, field) -> {
						row.el("td", field.get("field_name"), "class", "mono");
						row.el("td", text(field.get("field_value")));
						row.el("td", text(field.get("field_default")));
						row.el("td", UiLayout.cell(field.get("field_description")));
					});
			html.el("h2", "Caching");
			html.open("pre", "id", "cache-settings").text(pretty(all.getT2())).close("pre");
			html.el("h2", "Guardrails");
			UiLayout.table(html, "Guardrails", List.of("Name", "Mode", "Default on", "Settings"),
					UiLayout.rows(all.getT3().get("guardrails")), (row, guardrail) -> {
						Object info = guardrail.get("litellm_params");
						Map<String, Object> params = UiLayout.map(info);
						row.el("td", guardrail.get("guardrail_name"));
						row.el("td", UiLayout.cell(params.get("mode")));
						row.el("td", UiLayout.cell(params.get("default_on")));
						row.open("td").el("pre", pretty(params)).close("td");
					});
		})).onErrorResume((error) -> UiLayout.failed(request, "Settings", error));
	}

	private String text(Object value) {
		if (value instanceof Map<?, ?> || value instanceof List<?>) {
			return this.mapper.writeValueAsString(value);
		}
		return UiLayout.cell(value);
	}

	private String pretty(Object value) {
		return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
	}

}
