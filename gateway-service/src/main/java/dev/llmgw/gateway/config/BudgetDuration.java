package dev.llmgw.gateway.config;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LiteLLM reset period: {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d} or
 * {@code <n>mo} (calendar months, so "1mo" from January 31 ends on the last day of
 * February, not 30 days later).
 *
 * @param amount how many units
 * @param unit the unit
 */
public record BudgetDuration(long amount, Unit unit) {

	private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(mo|s|m|h|d)");

	public enum Unit {

		SECONDS, MINUTES, HOURS, DAYS, MONTHS

	}

	/**
	 * Parses a period.
	 * @param text e.g. "30d"
	 * @return the period
	 * @throws IllegalArgumentException naming the value when it is not one
	 */
	public static BudgetDuration parse(String text) {
		Matcher matcher = FORMAT.matcher(text.trim());
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) <= 0) {
			throw new IllegalArgumentException("invalid duration \"" + text
					+ "\": use a positive number followed by s, m, h, d or mo (e.g. 30s, 30m, 30h, 30d, 1mo)");
		}
		Unit unit = switch (matcher.group(2)) {
			case "s" -> Unit.SECONDS;
			case "m" -> Unit.MINUTES;
			case "h" -> Unit.HOURS;
			case "d" -> Unit.DAYS;
			default -> Unit.MONTHS;
		};
		return new BudgetDuration(Long.parseLong(matcher.group(1)), unit);
	}

	/** The end of a period that starts at {@code start}. */
	public ZonedDateTime addTo(ZonedDateTime start) {
		return switch (this.unit) {
			case SECONDS -> start.plus(Duration.ofSeconds(this.amount));
			case MINUTES -> start.plus(Duration.ofMinutes(this.amount));
			case HOURS -> start.plus(Duration.ofHours(this.amount));
			case DAYS -> start.plusDays(this.amount);
			case MONTHS -> start.plusMonths(this.amount);
		};
	}

	@Override
	public String toString() {
		String suffix = switch (this.unit) {
			case SECONDS -> "s";
			case MINUTES -> "m";
			case HOURS -> "h";
			case DAYS -> "d";
			case MONTHS -> "mo";
		};
		return this.amount + suffix;
	}

}
