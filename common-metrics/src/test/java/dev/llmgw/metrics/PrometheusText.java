package dev.llmgw.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A strict parser of Prometheus' text exposition format (version 0.0.4), for tests that
 * read {@code /metrics} as a scraper would: every sample must belong to a family declared
 * by {@code # TYPE} before it, label values must be escaped as the format says, no series
 * may appear twice, and a histogram's buckets must be cumulative, end at {@code +Inf} and
 * match its {@code _count}. Anything else throws, naming the line.
 */
public final class PrometheusText {

	/** One sample: its full name (suffix included), labels and value. */
	public record Sample(String name, Map<String, String> labels, double value) {

		public String label(String name) {
			return this.labels.get(name);
		}

	}

	/** A family: its type, help text and samples. */
	public record Family(String name, String type, String help, List<Sample> samples) {

	}

	private final Map<String, Family> families;

	private PrometheusText(Map<String, Family> families) {
		this.families = families;
	}

	public Map<String, Family> families() {
		return this.families;
	}

	public Family family(String name) {
		Family family = this.families.get(name);
		if (family == null) {
			throw new AssertionError("no metric family " + name + " in " + this.families.keySet());
		}
		return family;
	}

	/** Samples named {@code name} whose labels pass {@code where}. */
	public List<Sample> samples(String name, Predicate<Map<String, String>> where) {
		List<Sample> found = new ArrayList<>();
		for (Family family : this.families.values()) {
			for (Sample sample : family.samples()) {
				if (sample.name().equals(name) && where.test(sample.labels())) {
					found.add(sample);
				}
			}
		}
		return found;
	}

	/** The sum of the samples named {@code name} whose labels pass {@code where}. */
	public double sum(String name, Predicate<Map<String, String>> where) {
		return samples(name, where).stream().mapToDouble(Sample::value).sum();
	}

	public static PrometheusText parse(String text) {
		Map<String, Family> families = new LinkedHashMap<>();
		Map<String, String> types = new LinkedHashMap<>();
		Map<String, String> helps = new LinkedHashMap<>();
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		Set<String> series = new HashSet<>();
		String[] lines = text.split("\n", -1);
		if (!text.isEmpty() && !text.endsWith("\n")) {
			throw new IllegalArgumentException("the exposition must end with a line feed");
		}
		for (int number = 0; number < lines.length; number++) {
			String line = lines[number];
			String where = "line " + (number + 1) + ": " + line;
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("# HELP ")) {
				String rest = line.substring(7);
				int space = rest.indexOf(' ');
				String name = (space < 0) ? rest : rest.substring(0, space);
				checkName(name, where);
				if (helps.put(name, (space < 0) ? "" : rest.substring(space + 1)) != null) {
					throw new IllegalArgumentException("second HELP, " + where);
				}
				continue;
			}
			if (line.startsWith("# TYPE ")) {
				String[] parts = line.substring(7).split(" ");
				if (parts.length != 2
						|| !Set.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[1])) {
					throw new IllegalArgumentException("bad TYPE, " + where);
				}
				checkName(parts[0], where);
				if (types.put(parts[0], parts[1]) != null) {
					throw new IllegalArgumentException("second TYPE, " + where);
				}
				if (samples.containsKey(parts[0])) {
					throw new IllegalArgumentException("TYPE after its samples, " + where);
				}
				samples.put(parts[0], new ArrayList<>());
				continue;
			}
			if (line.startsWith("#")) {
				continue;
			}
			Sample sample = sample(line, where);
			String family = familyOf(sample.name(), types);
			if (family == null) {
				throw new IllegalArgumentException("sample of no declared family, " + where);
			}
			if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
				throw new IllegalArgumentException("series repeated, " + where);
			}
			samples.get(family).add(sample);
		}
		for (Map.Entry<String, String> type : types.entrySet()) {
			String name = type.getKey();
			List<Sample> familySamples = samples.get(name);
			if ("histogram".equals(type.getValue())) {
				checkHistogram(name, familySamples);
			}
			families.put(name,
					new Family(name, type.getValue(), helps.getOrDefault(name, ""), List.copyOf(familySamples)));
		}
		return new PrometheusText(families);
	}

	private static String familyOf(String sampleName, Map<String, String> types) {
		if (types.containsKey(sampleName)) {
			return sampleName;
		}
		for (String suffix : List.of("_total", "_created", "_bucket", "_count", "_sum")) {
			if (sampleName.endsWith(suffix)) {
				String base = sampleName.substring(0, sampleName.length() - suffix.length());
				String type = types.get(base);
				if (type != null && (suffix.equals("_total") ? type.equals("counter")
						: !suffix.equals("_bucket") || type.equals("histogram"))) {
					return base;
				}
			}
		}
		return null;
	}

	private static void checkHistogram(String name, List<Sample> samples) {
		Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
		Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
		for (Sample sample : samples) {
			if (sample.name().equals(name + "_bucket")) {
				Map<String, String> labels = new TreeMap<>(sample.labels());
				if (labels.remove("le") == null) {
					throw new IllegalArgumentException(name + ": a bucket without le");
				}
				buckets.computeIfAbsent(labels, (k) -> new ArrayList<>()).add(sample);
			}
			else if (sample.name().equals(name + "_count")) {
				counts.put(new TreeMap<>(sample.labels()), sample.value());
			}
		}
		for (Map.Entry<Map<String, String>, List<Sample>> series : buckets.entrySet()) {
			double previousBound = Double.NEGATIVE_INFINITY;
			double previous = 0;
			List<Sample> ordered = series.getValue();
			for (Sample bucket : ordered) {
				double bound = value(bucket.label("le"), name);
				if (bound <= previousBound || bucket.value() < previous) {
					throw new IllegalArgumentException(name + ": buckets not increasing at le=" + bucket.label("le"));
				}
				previousBound = bound;
				previous = bucket.value();
			}
			Sample last = ordered.get(ordered.size() - 1);
			if (!"+Inf".equals(last.label("le"))) {
				throw new IllegalArgumentException(name + ": the last bucket is not +Inf");
			}
			Double count = counts.get(series.getKey());
			if (count == null || count != last.value()) {
				throw new IllegalArgumentException(
						name + ": _count " + count + " is not the +Inf bucket " + last.value());
			}
		}
	}

	private static Sample sample(String line, String where) {
		int i = 0;
		while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
			i++;
		}
		String name = line.substring(0, i);
		checkName(name, where);
		Map<String, String> labels = new LinkedHashMap<>();
		if (i < line.length() && line.charAt(i) == '{') {
			i++;
			while (line.charAt(i) != '}') {
				int equals = line.indexOf('=', i);
				if (equals < 0) {
					throw new IllegalArgumentException("label without =, " + where);
				}
				String label = line.substring(i, equals);
				if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
					throw new IllegalArgumentException("bad label name " + label + ", " + where);
				}
				if (line.charAt(equals + 1) != '"') {
					throw new IllegalArgumentException("label value not quoted, " + where);
				}
				StringBuilder value = new StringBuilder();
				int j = equals + 2;
				while (line.charAt(j) != '"') {
					char c = line.charAt(j);
					if (c == '\\') {
						char escaped = line.charAt(++j);
						switch (escaped) {
							case '\\' -> value.append('\\');
							case '"' -> value.append('"');
							case 'n' -> value.append('\n');
							default -> throw new IllegalArgumentException("bad escape \\" + escaped + ", " + where);
						}
					}
					else {
						value.append(c);
					}
					j++;
				}
				if (labels.put(label, value.toString()) != null) {
					throw new IllegalArgumentException("label repeated, " + where);
				}
				i = j + 1;
				if (line.charAt(i) == ',') {
					i++;
				}
				else if (line.charAt(i) != '}') {
					throw new IllegalArgumentException("expected , or }, " + where);
				}
			}
			i++;
		}
		if (i >= line.length() || line.charAt(i) != ' ') {
			throw new IllegalArgumentException("no value, " + where);
		}
		String[] rest = line.substring(i + 1).split(" ");
		if (rest.length > 2) {
			throw new IllegalArgumentException("too many fields, " + where);
		}
		return new Sample(name, labels, value(rest[0], where));
	}

	private static double value(String text, String where) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> {
				try {
					yield Double.parseDouble(text);
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("bad value " + text + ", " + where);
				}
			}
		};
	}

	private static void checkName(String name, String where) {
		if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
			throw new IllegalArgumentException("bad metric name " + name + ", " + where);
		}
	}

}
