package dev.llmgw.gateway.ui;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * by model, key, user and team. Summed in the database from the daily aggregate tables
 * ({@code /spend/summary}), never from the spend log, so the totals are exact and the
 * page costs little more with ten million logged calls.
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
		if (start.isBefore(end.minusDays(MAX_DAYS - 1))) {
			start = end.minusDays(MAX_DAYS - 1);
		}
		LocalDate from = start;
		return this.api.get(request, "/spend/summary", "start_date", from, "end_date", end)
			.flatMap((summary) -> UiLayout.render(request, "Usage", (html) -> page(html, from, end, today, summary)))
			.onErrorResume((error) -> UiLayout.failed(request, "Usage", error));
	}

	private static void page(Html html, LocalDate start, LocalDate end, LocalDate today, Map<String, Object> summary) {
		// the two ranges summed ahead (spend.reports.UsageWindows), so they answer
		// fastest
		html.open("p", "class", "ranges");
		for (int days : new int[] { 7, 30 }) {
			String label = "Last " + days + " days";
			boolean current = end.equals(today) && start.equals(today.minusDays(days - 1));
			if (current) {
				html.el("strong", label);
			}
			else {
				html.link(Html.url(PATH, "start_date", today.minusDays(days - 1), "end_date", today), label);
			}
			html.text(" ");
		}
		html.close("p");
		html.open("form", "method", "get", "action", PATH, "class", "filters");
		new Field("start_date", "From", "date", start.toString(), null, false).render(html);
		new Field("end_date", "To", "date", end.toString(), null, false).render(html);
		html.el("button", "Show", "type", "submit");
		html.close("form");
		List<Map<String, Object>> days = UiLayout.rows(summary.get("days"));
		double spend = 0;
		long tokens = 0;
		long ok = 0;
		long failed = 0;
		for (Map<String, Object> day : days) {
			spend += number(day.get("spend"));
			tokens += (long) number(day.get("total_tokens"));
			ok += (long) number(day.get("successful_requests"));
			failed += (long) number(day.get("failed_requests"));
		}
		html.open("div", "class", "cards");
		card(html, "Spend", UiLayout.money(spend));
		card(html, "Tokens", String.format(Locale.ROOT, "%,d", tokens));
		card(html, "Successful requests", String.format(Locale.ROOT, "%,d", ok));
		card(html, "Failed requests", String.format(Locale.ROOT, "%,d", failed));
		html.close("div");
		html.el("h2", "Spend by day");
		chart(html, start, end, days);
		breakdown(html, "By model", "Model", lines(summary.get("models")));
		breakdown(html, "By key", "Key", lines(summary.get("api_keys")));
		breakdown(html, "By user", "User", lines(summary.get("users")));
		breakdown(html, "By team", "Team", lines(summary.get("teams")));
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
			byDay.computeIfPresent(String.valueOf(day.get("name")), (date, spend) -> spend + number(day.get("spend")));
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
		UiLayout.table(html, "Spend by day", List.of("Day", "#Spend"), new ArrayList<>(byDay.entrySet()),
				(row, day) -> {
					row.el("td", day.getKey());
					row.el("td", UiLayout.money(day.getValue()), "class", "num");
				});
	}

	private static void breakdown(Html html, String title, String what, List<Line> lines) {
		UiLayout.table(html, title, List.of(what, "#Spend", "#Tokens", "#Requests"), lines, (row, line) -> {
			String name = (line.name().length() > 24) ? line.name().substring(0, 12) + "…" : line.name();
			row.el("td", (line.label() != null) ? line.label() + " (" + name + ")" : name, "title", line.name());
			row.el("td", UiLayout.money(line.spend()), "class", "num");
			row.el("td", String.format(Locale.ROOT, "%,d", line.tokens()), "class", "num");
			row.el("td", String.format(Locale.ROOT, "%,d", line.requests()), "class", "num");
		});
	}

	/** A breakdown as the summary sums it: biggest spend first, 50 at most. */
	private static List<Line> lines(@Nullable Object rows) {
		return UiLayout.rows(rows)
			.stream()
			.map((row) -> new Line(
					String.valueOf(row.get("name")).isEmpty() ? "(none)" : String.valueOf(row.get("name")),
					(row.get("label") != null) ? String.valueOf(row.get("label")) : null, number(row.get("spend")),
					(long) number(row.get("total_tokens")), (long) number(row.get("api_requests"))))
			.toList();
	}

	private static LocalDate date(@Nullable String text, LocalDate fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			LocalDate day = LocalDate.parse(text.strip());
			return (day.getYear() >= 2000 && day.getYear() <= 9999) ? day : fallback;
		}
		catch (DateTimeParseException ex) {
			return fallback;
		}
	}

	private static double number(@Nullable Object value) {
		return (value instanceof Number number) ? number.doubleValue() : 0;
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
