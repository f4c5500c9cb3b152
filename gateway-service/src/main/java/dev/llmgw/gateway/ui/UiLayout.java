package dev.llmgw.gateway.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.error.GatewayError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The frame every signed-in page shares (navigation, who is signed in, logout), and the
 * pieces pages are built of: tables, forms with their CSRF field, pagers and messages.
 */
final class UiLayout {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UiLayout.class);

	/** The navigation, in LiteLLM's order; the last flag marks pages for admins only. */
	private record Item(String path, String label, boolean adminOnly) {
	}

	private static final List<Item> NAV = List.of(new Item("/ui/keys", "Virtual Keys", false),
			new Item("/ui/playground", "Test Key", false), new Item("/ui/models", "Models", false),
			new Item("/ui/usage", "Usage", false), new Item("/ui/teams", "Teams", false),
			new Item("/ui/users", "Internal Users", true), new Item("/ui/logs", "Logs", false),
			new Item("/ui/settings", "Settings", true));

	private UiLayout() {
	}

	static Mono<ServerResponse> render(ServerRequest request, String title, Consumer<Html> body) {
		return render(request, HttpStatus.OK, title, body);
	}

	static Mono<ServerResponse> render(ServerRequest request, HttpStatusCode status, String title,
			Consumer<Html> body) {
		UiSession session = UiSession.of(request.exchange());
		CallerIdentity caller = CallerIdentity.of(request.exchange());
		Html html = new Html();
		head(html, title);
		html.raw("<body>");
		html.open("a", "href", "#main", "class", "skip").text("Skip to content").close("a");
		html.open("header", "class", "top");
		html.link(UiPaths.HOME, "LLM Gateway", "class", "brand");
		html.open("nav", "aria-label", "Main").open("ul");
		String current = request.path();
		for (Item item : NAV) {
			if (item.adminOnly() && (caller == null || !caller.canReadAll())) {
				continue;
			}
			html.open("li");
			html.link(item.path(), item.label(), "aria-current",
					(current.equals(item.path()) || current.startsWith(item.path() + "/")) ? "page" : null);
			html.close("li");
		}
		html.close("ul").close("nav");
		if (session != null) {
			html.open("form", "method", "post", "action", UiPaths.LOGOUT, "class", "logout");
			csrf(html, session);
			html.el("span", session.name() + (caller != null ? " (" + caller.role() + ")" : ""), "class", "who");
			html.el("button", "Log out", "type", "submit");
			html.close("form");
		}
		html.close("header");
		html.open("main", "id", "main");
		html.el("h1", title);
		body.accept(html);
		html.close("main");
		html.raw("</body></html>");
		return UiResponses.page(status, html.toString());
	}

	static void head(Html html, String title) {
		html.raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
		html.el("title", title + " · LLM Gateway");
		html.raw("<link rel=\"stylesheet\" href=\"/ui/assets/ui.css\">"
				+ "<script type=\"module\" src=\"/ui/assets/ui.js\"></script></head>");
	}

	/**
	 * Opens a form that posts to a page of ours, with the session's CSRF field first
	 * (every form of the UI starts here, so none can leave it out).
	 */
	static void openForm(Html html, ServerRequest request, String action, String cssClass, @Nullable String confirm) {
		UiSession session = UiSession.of(request.exchange());
		html.open("form", "method", "post", "action", action, "class", cssClass, "data-confirm", confirm);
		if (session != null) {
			csrf(html, session);
		}
	}

	/** The hidden field that proves a form came from one of our pages. */
	static void csrf(Html html, UiSession session) {
		html.open("input", "type", "hidden", "name", UiForms.CSRF_FIELD, "value", session.csrf());
	}

	/**
	 * A one-button form that posts to a page of ours: block, delete, regenerate.
	 * @param confirm the question asked first (by the page's script; without scripts the
	 * button posts at once)
	 */
	static void action(Html html, ServerRequest request, String action, String label, @Nullable String confirm,
			String... hidden) {
		openForm(html, request, action, "inline", confirm);
		for (int i = 0; i + 1 < hidden.length; i += 2) {
			html.open("input", "type", "hidden", "name", hidden[i], "value", hidden[i + 1]);
		}
		html.el("button", label, "type", "submit", "class", confirm != null ? "danger" : null);
		html.close("form");
	}

	/** A form of labelled fields posting to a page of ours. */
	static void form(Html html, ServerRequest request, String action, String submit, List<Field> fields) {
		openForm(html, request, action, "stack", null);
		for (Field field : fields) {
			field.render(html);
		}
		html.el("button", submit, "type", "submit");
		html.close("form");
	}

	/** A labelled input; kind is an input type, or "textarea", or "checkbox". */
	record Field(String name, String label, String kind, @Nullable String value, @Nullable String hint,
			boolean required) {

		static Field text(String name, String label) {
			return new Field(name, label, "text", null, null, false);
		}

		static Field text(String name, String label, @Nullable Object value, @Nullable String hint) {
			return new Field(name, label, "text", (value != null) ? String.valueOf(value) : null, hint, false);
		}

		static Field number(String name, String label, @Nullable Object value, @Nullable String hint) {
			return new Field(name, label, "number", (value != null) ? String.valueOf(value) : null, hint, false);
		}

		static Field area(String name, String label, @Nullable String value, @Nullable String hint) {
			return new Field(name, label, "textarea", value, hint, false);
		}

		Field mandatory() {
			return new Field(this.name, this.label, this.kind, this.value, this.hint, true);
		}

		void render(Html html) {
			// a page's search boxes and its forms may share a field name, never an id
			String id = (this.kind.equals("search") ? "s-" : "f-") + this.name;
			String hintId = (this.hint != null) ? id + "-hint" : null;
			html.open("div", "class", "field");
			html.el("label", this.label, "for", id);
			if (this.kind.equals("textarea")) {
				html.open("textarea", "id", id, "name", this.name, "rows", "3", "aria-describedby", hintId, "required",
						this.required ? "" : null);
				html.text(this.value).close("textarea");
			}
			else {
				html.open("input", "id", id, "name", this.name, "type", this.kind, "value", this.value, "step",
						this.kind.equals("number") ? "any" : null, "aria-describedby", hintId, "required",
						this.required ? "" : null, "autocomplete", "off");
			}
			if (this.hint != null) {
				html.el("small", this.hint, "id", hintId);
			}
			html.close("div");
		}
	}

	/**
	 * A table of rows: headers (a leading {@code #} marks a column of numbers), then a
	 * cell writer per row.
	 */
	static <T> void table(Html html, String caption, List<String> headers, List<T> rows,
			java.util.function.BiConsumer<Html, T> row) {
		html.open("div", "class", "scroll").open("table");
		html.el("caption", caption);
		html.open("thead").open("tr");
		for (String header : headers) {
			// "#Spend": a column of numbers, right-aligned as its cells are
			boolean number = header.startsWith("#");
			html.el("th", number ? header.substring(1) : header, "scope", "col", "class", number ? "num" : null);
		}
		html.close("tr").close("thead").open("tbody");
		if (rows.isEmpty()) {
			html.open("tr").el("td", "Nothing yet.", "colspan", Integer.toString(headers.size())).close("tr");
		}
		for (T item : rows) {
			html.open("tr");
			row.accept(html, item);
			html.close("tr");
		}
		html.close("tbody").close("table").close("div");
	}

	static void error(Html html, Throwable error) {
		html.open("p", "class", "error", "role", "alert").text(message(error)).close("p");
	}

	static void notice(Html html, String text) {
		html.open("p", "class", "notice", "role", "status").text(text).close("p");
	}

	static String message(Throwable error) {
		if (error instanceof GatewayError gateway) {
			return gateway.getMessage();
		}
		log.error("Admin UI: a page failed", error);
		return "Something went wrong; the server log has the details.";
	}

	static HttpStatusCode status(Throwable error) {
		return (error instanceof GatewayError gateway) ? HttpStatusCode.valueOf(gateway.status())
				: HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** Previous/next links for LiteLLM's page-numbered lists. */
	static void pager(Html html, String path, int page, long totalPages, Object... query) {
		html.open("nav", "class", "pager", "aria-label", "Pages");
		if (page > 1) {
			html.link(pageUrl(path, page - 1, query), "Previous", "rel", "prev");
		}
		html.el("span", "Page " + page + " of " + Math.max(1, totalPages));
		if (page < totalPages) {
			html.link(pageUrl(path, page + 1, query), "Next", "rel", "next");
		}
		html.close("nav");
	}

	private static String pageUrl(String path, int page, Object... query) {
		Object[] all = new Object[query.length + 2];
		System.arraycopy(query, 0, all, 0, query.length);
		all[query.length] = "page";
		all[query.length + 1] = page;
		return Html.url(path, all);
	}

	/** A value from an API row as a cell's text: lists joined, absent as a dash. */
	static String cell(@Nullable Object value) {
		if (value == null) {
			return "–";
		}
		if (value instanceof List<?> list) {
			return list.isEmpty() ? "all" : String.join(", ", list.stream().map(String::valueOf).toList());
		}
		if (value instanceof Map<?, ?> map) {
			return map.isEmpty() ? "–" : map.toString();
		}
		return String.valueOf(value);
	}

	static String money(@Nullable Object value) {
		if (value instanceof Number number) {
			return String.format(java.util.Locale.ROOT, "$%.4f", number.doubleValue());
		}
		return "–";
	}

	/** A page that only says why the admin API refused, in the API's status. */
	static Mono<ServerResponse> failed(ServerRequest request, String title, Throwable error) {
		return render(request, status(error), title, (html) -> error(html, error));
	}

	/** One line of a definition list; absent values as a dash. */
	static void fact(Html html, String label, @Nullable Object value) {
		html.el("dt", label);
		html.el("dd", (value != null) ? value : "–");
	}

	static String budget(@Nullable Object value) {
		return (value instanceof Number) ? money(value) : "no limit";
	}

	/** The maps of a JSON list from the admin API; anything else as none. */
	static List<Map<String, Object>> rows(@Nullable Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter(Map.class::isInstance).map((row) -> cast((Map<?, ?>) row)).toList();
	}

	/** A JSON object from the admin API, or an empty one. */
	static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? cast(map) : Map.of();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> cast(Map<?, ?> map) {
		return (Map<String, Object>) map;
	}

	/** A list answer's page number, 1 when it says none. */
	static int pageNumber(@Nullable Object value) {
		return (value instanceof Number number) ? number.intValue() : 1;
	}

	/** A list answer's page count, 1 when it says none. */
	static long pageCount(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 1;
	}

}
