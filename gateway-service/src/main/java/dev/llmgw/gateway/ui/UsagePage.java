package dev.llmgw.gateway.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.ui.UiLayout.Field;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Usage: spend, tokens and requests in a date range, by day (a chart drawn as SVG on the
 * server, so it needs no script and no chart library, with the same numbers in a table),
 * by model, key, user and team. Read from the daily aggregate tables through
 * {@code /user/daily/activity} and {@code /team/daily/activity}, never from the spend
 * log, so the page costs the same with ten million logged calls.
 */
final class UsagePage {

	static final String PATH = "/ui/usage";

	/** The longest range one page reads. */
	private static final int MAX_DAYS = 366;

	private final AdminCalls api;

	private final java.time.Clock clock;

	UsagePage(AdminCalls api, java.time.Clock clock) {
		this.api = api;
		this.clock = clock;
	}

	/** One row of a breakdown: a name and its summed metrics. */
	private record Line(String name, @Nullable String label, double spend, long tokens, long requests) {
	}

	Mono<ServerResponse> show(ServerRequest request) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		LocalDate end = date(request.queryParam("end_date").orElse(null), today);
		LocalDate start = date(request.queryParam("start_date").orElse(null), end.minusDays(6));
		if (start.isAfter(end)) {
			start = end;
		}
		if (start.isBefore(end.minusDays(MAX_DAYS))) {
			start = end.minusDays(MAX_DAYS);
		}
		LocalDate from = start;
		Mono<Map<String, Object>> users = this.api.get(request, "/user/daily/activity", "start_date", from, "end_date",
				end, "page_size", 1000);
		Mono<Map<String, Object>> teams = this.api
			.get(request, "/team/daily/activity", "start_date", from, "end_date", end, "page_size", 1000)
			.onErrorResume((error) -> Mono.just(Map.of()));
		return Mono.zip(users, teams)
			.flatMap((both) -> UiLayout.render(request, "Usage",
					(html) -> page(html, from, end, both.getT1(), both.getT2())))
			.onErrorResume((error) -> KeysPage.failed(request, "Usage", error));
	}

	private static void page(Html html, LocalDate start, LocalDate end, Map<String, Object> users,
			Map<String, Object> teams) {
		html.open("form", "method", "get", "action", PATH, "class", "filters");
		new Field("start_date", "From", "date", start.toString(), null, false).render(html);
		new Field("end_date", "To", "date", end.toString(), null, false).render(html);
		html.el("button", "Show", "type", "submit");
		html.close("form");
		if (Boolean.TRUE.equals(map(users.get("metadata")).get("has_more"))) {
			UiLayout.notice(html, "This range holds more than 1,000 daily rows; the figures below cover the first"
					+ " 1,000. Choose a shorter range for exact totals.");
		}
		List<Map<String, Object>> days = KeysPage.rows(users.get("results"));
		double spend = 0;
		long tokens = 0;
		long ok = 0;
		long failed = 0;
		for (Map<String, Object> day : days) {
			Map<String, Object> metrics = map(day.get("metrics"));
			spend += number(metrics.get("spend"));
			tokens += (long) number(metrics.get("total_tokens"));
			ok += (long) number(metrics.get("successful_requests"));
			failed += (long) number(metrics.get("failed_requests"));
		}
		html.open("div", "class", "cards");
		card(html, "Spend", UiLayout.money(spend));
		card(html, "Tokens", String.format(Locale.ROOT, "%,d", tokens));
		card(html, "Successful requests", String.format(Locale.ROOT, "%,d", ok));
		card(html, "Failed requests", String.format(Locale.ROOT, "%,d", failed));
		html.close("div");
		html.el("h2", "Spend by day");
		chart(html, start, end, days);
		breakdown(html, "By model", "Model", lines(days, "models", null));
		breakdown(html, "By key", "Key", lines(days, "api_keys", "key_alias"));
		breakdown(html, "By user", "User", lines(days, "entities", null));
		breakdown(html, "By team", "Team", lines(KeysPage.rows(teams.get("results")), "entities", "team_alias"));
	}

	private static void card(Html html, String label, String value) {
		html.open("div", "class", "card").text(label).el("b", value).close("div");
	}

	/** Bars of spend per day, each with its value as a tooltip and in the table below. */
	private static void chart(Html html, LocalDate start, LocalDate end, List<Map<String, Object>> days) {
		Map<String, Double> byDay = new LinkedHashMap<>();
		for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
			byDay.put(day.toString(), 0.0);
		}
		for (Map<String, Object> day : days) {
			byDay.computeIfPresent(String.valueOf(day.get("date")),
					(date, spend) -> spend + number(map(day.get("metrics")).get("spend")));
		}
		double max = byDay.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
		int width = 900;
		int height = 180;
		double slot = (double) width / byDay.size();
		html.open("svg", "class", "chart", "viewBox", "0 0 " + width + " " + (height + 20), "role", "img", "aria-label",
				"Spend by day from " + start + " to " + end);
		int index = 0;
		for (Map.Entry<String, Double> day : byDay.entrySet()) {
			double bar = (max > 0) ? day.getValue() / max * height : 0;
			String x = format(index * slot + slot * 0.1);
			html.open("rect", "x", x, "y", format(height - bar), "width", format(slot * 0.8), "height", format(bar));
			html.el("title", day.getKey() + ": " + UiLayout.money(day.getValue()));
			html.close("rect");
			if (byDay.size() <= 31 || index % 7 == 0) {
				html.el("text", day.getKey().substring(5), "x", x, "y", Integer.toString(height + 14));
			}
			index++;
		}
		html.close("svg");
		UiLayout.table(html, "Spend by day", List.of("Day", "Spend"), new ArrayList<>(byDay.entrySet()), (row, day) -> {
			row.el("td", day.getKey());
			row.el("td", UiLayout.money(day.getValue()), "class", "num");
		});
	}

	private static void breakdown(Html html, String title, String what, List<Line> lines) {
		html.el("h2", title);
		UiLayout.table(html, title, List.of(what, "Spend", "Tokens", "Requests"), lines, (row, line) -> {
			row.el("td", (line.label() != null) ? line.label() + " (" + line.name() + ")" : line.name());
			row.el("td", UiLayout.money(line.spend()), "class", "num");
			row.el("td", String.format(Locale.ROOT, "%,d", line.tokens()), "class", "num");
			row.el("td", String.format(Locale.ROOT, "%,d", line.requests()), "class", "num");
		});
	}

	/** One kind of breakdown summed over the days, most spend first, at most 50 lines. */
	private static List<Line> lines(List<Map<String, Object>> days, String kind, @Nullable String labelField) {
		Map<String, double[]> sums = new LinkedHashMap<>();
		Map<String, String> labels = new LinkedHashMap<>();
		for (Map<String, Object> day : days) {
			map(map(day.get("breakdown")).get(kind)).forEach((name, node) -> {
				Map<String, Object> metrics = map(map(node).get("metrics"));
				double[] sum = sums.computeIfAbsent(name, (key) -> new double[3]);
				sum[0] += number(metrics.get("spend"));
				sum[1] += number(metrics.get("total_tokens"));
				sum[2] += number(metrics.get("api_requests"));
				Object label = (labelField != null) ? map(map(node).get("metadata")).get(labelField) : null;
				if (label != null) {
					labels.put(name, String.valueOf(label));
				}
			});
		}
		return sums.entrySet()
			.stream()
			.map((entry) -> new Line(entry.getKey().isEmpty() ? "(none)" : entry.getKey(), labels.get(entry.getKey()),
					entry.getValue()[0], (long) entry.getValue()[1], (long) entry.getValue()[2]))
			.sorted(Comparator.comparingDouble(Line::spend).reversed())
			.limit(50)
			.toList();
	}

	private static LocalDate date(@Nullable String text, LocalDate fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? KeysPage.cast(map) : Map.of();
	}

	private static double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
