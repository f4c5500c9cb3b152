package dev.llmgw.gateway.ui;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Test Key, LiteLLM's playground: pick a model the session (or a pasted key) may use,
 * send a message, watch the answer stream in, then see its tokens, cost and latency. The
 * call itself is the browser's own {@code /v1/chat/completions} request (the page's
 * script), so it is a real call with the real key's limits, budgets and logging.
 */
final class PlaygroundPage {

	static final String PATH = "/ui/playground";

	private final AdminCalls api;

	PlaygroundPage(AdminCalls api) {
		this.api = api;
	}

	Mono<ServerResponse> show(ServerRequest request) {
		UiSession session = UiSession.of(request.exchange());
		return this.api.get(request, "/v1/models")
			.map((body) -> UiLayout.rows(body.get("data"))
				.stream()
				.map((model) -> String.valueOf(model.get("id")))
				.sorted()
				.toList())
			.onErrorResume((error) -> Mono.just(List.of()))
			.flatMap((models) -> UiLayout.render(request, "Test Key", (html) -> {
				html.raw("<noscript>")
					.el("p", "The playground streams answers with a script; enable JavaScript to use it.", "class",
							"error")
					.raw("</noscript>");
				html.open("form", "id", "playground", "class", "stack", "data-csrf",
						(session != null) ? session.csrf() : "");
				html.open("div", "class", "field").el("label", "Model", "for", "pg-model");
				html.open("select", "id", "pg-model", "name", "model", "required", "");
				for (String model : models) {
					html.el("option", model, "value", model);
				}
				html.close("select").close("div");
				new UiLayout.Field("key", "Virtual key (optional)", "password", null,
						"Empty: call as yourself. A key here is used for this call only and never stored.", false)
					.render(html);
				new UiLayout.Field("message", "Message", "textarea", "Say hello in one short sentence.", null, true)
					.render(html);
				html.el("button", "Send", "type", "submit", "id", "pg-send");
				html.close("form");
				html.el("h2", "Answer");
				html.el("div", "", "id", "pg-answer", "class", "answer", "aria-live", "polite");
				html.open("dl", "class", "facts", "id", "pg-stats");
				for (Map.Entry<String, String> stat : List.of(Map.entry("pg-tokens", "Tokens"),
						Map.entry("pg-cost", "Cost"), Map.entry("pg-latency", "Latency"))) {
					html.el("dt", stat.getValue());
					html.el("dd", "–", "id", stat.getKey());
				}
				html.close("dl");
				html.raw("<script type=\"module\" src=\"/ui/assets/playground.js\"></script>");
			}));
	}

}
