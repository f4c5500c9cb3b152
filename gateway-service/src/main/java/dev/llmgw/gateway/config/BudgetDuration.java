package dev.llmgw.gateway.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LiteLLM period: {@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d}, {@code <n>w}
 * or {@code <n>mo}.
 * <p>
 * Two readings, as in LiteLLM: a key's {@code duration} lasts the period from its
 * creation ({@link #addTo}, calendar months, so "1mo" from January 31 ends on the last
 * day of February); a budget resets on aligned boundaries ({@link #nextReset}, LiteLLM's
 * "standardized" reset times): "1d" at the next midnight, "7d" and "1w" next Monday at
 * midnight, "30d" and "1mo" on the 1st of next month, other days and weeks that many days
 * after today's midnight, hours, minutes and seconds at the next multiple of the amount
 * within the day. Midnight is the zone's (litellm_settings.timezone, UTC by default).
 *
 * @param amount how many units
 * @param unit the unit
 */
public record BudgetDuration(long amount, Unit unit) {

	private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(mo|s|m|h|d|w)");

	public enum Unit {

		SECONDS, MINUTES, HOURS, DAYS, WEEKS, MONTHS

	}

	/**
	 * Parses a period.
	 * @param text e.g. "30d"
	 * @return the period
	 * @throws IllegalArgumentException naming the value when it is not one
	 */
	public static BudgetDuration parse(String text) {
		Matcher matcher = FORMAT.matcher(text.trim());
		if (!matcher.matches() || matcher.group(1).length() > 9 || Long.parseLong(matcher.group(1)) <= 0) {
			throw new IllegalArgumentException("invalid duration \"" + text
					+ "\": use a positive number followed by s, m, h, d, w or mo (e.g. 30s, 30m, 30h, 30d, 1w, 1mo)");
		}
		Unit unit = switch (matcher.group(2)) {
			case "s" -> Unit.SECONDS;
			case "m" -> Unit.MINUTES;
			case "h" -> Unit.HOURS;
			case "d" -> Unit.DAYS;
			case "w" -> Unit.WEEKS;
			default -> Unit.MONTHS;
		};
		return new BudgetDuration(Long.parseLong(matcher.group(1)), unit);
	}

	/** The end of a period that starts at {@code start} and lasts this long. */
	public ZonedDateTime addTo(ZonedDateTime start) {
		return switch (this.unit) {
			case SECONDS -> start.plus(Duration.ofSeconds(this.amount));
			case MINUTES -> start.plus(Duration.ofMinutes(this.amount));
			case HOURS -> start.plus(Duration.ofHours(this.amount));
			case DAYS -> start.plusDays(this.amount);
			case WEEKS -> start.plusWeeks(this.amount);
			case MONTHS -> start.plusMonths(this.amount);
		};
	}

	/**
	 * When a budget with this period next resets after {@code now}, on LiteLLM's aligned
	 * boundaries in {@code now}'s zone.
	 */
	public ZonedDateTime nextReset(ZonedDateTime now) {
		ZonedDateTime midnight = now.toLocalDate().atStartOfDay(now.getZone());
		return switch (this.unit) {
			case DAYS -> days(now, midnight, this.amount);
			case WEEKS -> days(now, midnight, this.amount * 7);
			case MONTHS -> firstOfMonth(now.toLocalDate(), this.amount, now);
			case HOURS -> aligned(midnight, now.getHour(), this.amount, ChronoUnit.HOURS);
			case MINUTES ->
				aligned(now.truncatedTo(ChronoUnit.HOURS), now.getMinute(), this.amount, ChronoUnit.MINUTES);
			case SECONDS ->
				aligned(now.truncatedTo(ChronoUnit.MINUTES), now.getSecond(), this.amount, ChronoUnit.SECONDS);
		};
	}

	/**
	 * The start of the aligned period that holds {@code now}, for budgets whose spend is
	 * read back from the spend logs (the proxy's, a key's per model): the day's midnight,
	 * the week's Monday, the month's 1st (for "30d" too), the hour, minute or second at a
	 * multiple of the amount. Other numbers of days or weeks count from midnight, as
	 * LiteLLM's reset does. The period ends at {@link #nextReset} of its start.
	 */
	public ZonedDateTime periodStart(ZonedDateTime now) {
		ZonedDateTime midnight = now.toLocalDate().atStartOfDay(now.getZone());
		long days = (this.unit == Unit.WEEKS) ? this.amount * 7 : this.amount;
		return switch (this.unit) {
			case DAYS, WEEKS -> (days == 7) ? midnight.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
					: (days == 30) ? now.toLocalDate().withDayOfMonth(1).atStartOfDay(now.getZone()) : midnight;
			case MONTHS -> now.toLocalDate().withDayOfMonth(1).atStartOfDay(now.getZone());
			case HOURS -> midnight.plusHours(now.getHour() - now.getHour() % this.amount);
			case MINUTES ->
				now.truncatedTo(ChronoUnit.HOURS).plusMinutes(now.getMinute() - now.getMinute() % this.amount);
			case SECONDS ->
				now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(now.getSecond() - now.getSecond() % this.amount);
		};
	}

	private static ZonedDateTime days(ZonedDateTime now, ZonedDateTime midnight, long days) {
		if (days == 1) {
			return midnight.plusDays(1);
		}
		if (days == 7) {
			return midnight.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
		}
		if (days == 30) {
			return firstOfMonth(now.toLocalDate(), 1, now);
		}
		return midnight.plusDays(days);
	}

	/** The 1st of the month {@code months} after this one, at midnight. */
	private static ZonedDateTime firstOfMonth(LocalDate today, long months, ZonedDateTime now) {
		return today.withDayOfMonth(1).plusMonths(months).atStartOfDay(now.getZone());
	}

	/**
	 * The next multiple of {@code amount} units after {@code value}, counted from the
	 * start of the enclosing unit ({@code base}): "15m" at 10:50 is 11:00, "6h" at 21:30
	 * is midnight. LiteLLM wraps hours of 48 or more back into the next day; here they
	 * run on.
	 */
	private static ZonedDateTime aligned(ZonedDateTime base, int value, long amount, ChronoUnit unit) {
		return base.plus(value + amount - (value % amount), unit);
	}

	@Override
	public String toString() {
		String suffix = switch (this.unit) {
			case SECONDS -> "s";
			case MINUTES -> "m";
			case HOURS -> "h";
			case DAYS -> "d";
			case WEEKS -> "w";
			case MONTHS -> "mo";
		};
		return this.amount + suffix;
	}

}
