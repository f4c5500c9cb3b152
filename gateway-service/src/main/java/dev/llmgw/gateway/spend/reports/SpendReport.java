package dev.llmgw.gateway.spend.reports;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Folds spend-log rows into a per-day report:
 * {@code [{"date", "spend", "<group_by>s": [{"name", "spend", "total_tokens",
 * "requests"}]}]}, days in order, groups by spend.
 */
final class SpendReport {

	private SpendReport() {
	}

	static List<Map<String, Object>> byDay(List<Map<String, Object>> rows, String groupBy) {
		Map<String, Map<String, double[]>> days = new TreeMap<>();
		for (Map<String, Object> row : rows) {
			OffsetDateTime time = (OffsetDateTime) row.get("start_time");
			String day = time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString();
			String name = String.valueOf(nullToUnknown(row.get("grouped")));
			double[] totals = days.computeIfAbsent(day, (d) -> new TreeMap<>())
				.computeIfAbsent(name, (n) -> new double[3]);
			totals[0] += ((Number) row.get("spend")).doubleValue();
			totals[1] += ((Number) row.get("total_tokens")).doubleValue();
			totals[2] += 1;
		}
		List<Map<String, Object>> report = new ArrayList<>();
		days.forEach((day, groups) -> {
			List<Map<String, Object>> entries = new ArrayList<>();
			double daySpend = 0;
			for (Map.Entry<String, double[]> group : groups.entrySet()) {
				double[] totals = group.getValue();
				daySpend += totals[0];
				entries.add(Map.of("name", group.getKey(), "spend", totals[0], "total_tokens", (long) totals[1],
						"requests", (long) totals[2]));
			}
			entries.sort((a, b) -> Double.compare((double) b.get("spend"), (double) a.get("spend")));
			report.add(Map.of("date", day, "spend", daySpend, groupBy + "s", entries));
		});
		return report;
	}

	private static Object nullToUnknown(@Nullable Object value) {
		return (value != null) ? value : "unassigned";
	}

}
