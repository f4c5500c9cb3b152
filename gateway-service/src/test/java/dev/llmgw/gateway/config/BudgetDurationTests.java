package dev.llmgw.gateway.config;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BudgetDurationTests {

	private static final ZonedDateTime JAN_31 = ZonedDateTime.of(2026, 1, 31, 12, 0, 0, 0, ZoneOffset.UTC);

	@Test
	void parsesEveryUnit() {
		assertThat(BudgetDuration.parse("30s").addTo(JAN_31)).isEqualTo(JAN_31.plusSeconds(30));
		assertThat(BudgetDuration.parse("30m").addTo(JAN_31)).isEqualTo(JAN_31.plusMinutes(30));
		assertThat(BudgetDuration.parse("30h").addTo(JAN_31)).isEqualTo(JAN_31.plusHours(30));
		assertThat(BudgetDuration.parse("30d").addTo(JAN_31)).isEqualTo(JAN_31.plusDays(30));
		assertThat(BudgetDuration.parse("2w").addTo(JAN_31)).isEqualTo(JAN_31.plusWeeks(2));
		assertThat(BudgetDuration.parse("1mo").toString()).isEqualTo("1mo");
		assertThat(BudgetDuration.parse("1w").toString()).isEqualTo("1w");
	}

	/** LiteLLM's standardized reset times (litellm_core_utils/duration_parser.py). */
	@Test
	void budgetsResetOnLiteLlmsAlignedBoundaries() {
		// Saturday 31 January 2026, 12:00 UTC
		assertThat(reset("1d", JAN_31)).isEqualTo(at(2026, 2, 1, 0, 0, 0));
		assertThat(reset("7d", JAN_31)).as("next Monday").isEqualTo(at(2026, 2, 2, 0, 0, 0));
		assertThat(reset("1w", JAN_31)).as("next Monday").isEqualTo(at(2026, 2, 2, 0, 0, 0));
		assertThat(reset("7d", at(2026, 2, 2, 0, 0, 0))).as("from a Monday, the one after")
			.isEqualTo(at(2026, 2, 9, 0, 0, 0));
		assertThat(reset("30d", JAN_31)).as("the 1st").isEqualTo(at(2026, 2, 1, 0, 0, 0));
		assertThat(reset("1mo", at(2026, 12, 15, 8, 0, 0))).isEqualTo(at(2027, 1, 1, 0, 0, 0));
		assertThat(reset("3d", JAN_31)).as("three days from today's midnight").isEqualTo(at(2026, 2, 3, 0, 0, 0));
		assertThat(reset("2w", JAN_31)).isEqualTo(at(2026, 2, 14, 0, 0, 0));
		assertThat(reset("15m", at(2026, 1, 31, 10, 50, 7))).isEqualTo(at(2026, 1, 31, 11, 0, 0));
		assertThat(reset("6h", at(2026, 1, 31, 21, 30, 0))).isEqualTo(at(2026, 2, 1, 0, 0, 0));
		assertThat(reset("1h", at(2026, 1, 31, 10, 0, 0))).isEqualTo(at(2026, 1, 31, 11, 0, 0));
		assertThat(reset("45s", at(2026, 1, 31, 10, 0, 50))).isEqualTo(at(2026, 1, 31, 10, 1, 30));
		ZonedDateTime eastern = ZonedDateTime.of(2026, 12, 6, 22, 0, 0, 0, java.time.ZoneId.of("US/Eastern"));
		assertThat(BudgetDuration.parse("1d").nextReset(eastern).toInstant()).as("midnight where the budget's zone is")
			.isEqualTo(at(2026, 12, 7, 5, 0, 0).toInstant());
	}

	@Test
	void aPeriodReadFromTheSpendLogsStartsOnItsBoundary() {
		assertThat(BudgetDuration.parse("1d").periodStart(JAN_31)).isEqualTo(at(2026, 1, 31, 0, 0, 0));
		assertThat(BudgetDuration.parse("7d").periodStart(JAN_31)).as("this week's Monday")
			.isEqualTo(at(2026, 1, 26, 0, 0, 0));
		assertThat(BudgetDuration.parse("30d").periodStart(JAN_31)).isEqualTo(at(2026, 1, 1, 0, 0, 0));
		assertThat(BudgetDuration.parse("6h").periodStart(at(2026, 1, 31, 14, 20, 0)))
			.isEqualTo(at(2026, 1, 31, 12, 0, 0));
		for (String period : new String[] { "1d", "7d", "30d", "1mo", "6h", "15m", "45s" }) {
			BudgetDuration duration = BudgetDuration.parse(period);
			ZonedDateTime start = duration.periodStart(JAN_31);
			assertThat(start).as(period).isBeforeOrEqualTo(JAN_31);
			assertThat(duration.nextReset(start)).as(period).isAfter(JAN_31);
		}
	}

	private static ZonedDateTime reset(String period, ZonedDateTime now) {
		return BudgetDuration.parse(period).nextReset(now);
	}

	private static ZonedDateTime at(int year, int month, int day, int hour, int minute, int second) {
		return ZonedDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.UTC);
	}

	@Test
	void monthsAreCalendarMonths() {
		assertThat(BudgetDuration.parse("1mo").addTo(JAN_31).getDayOfMonth()).isEqualTo(28);
	}

	@Test
	void rejectsAnythingElse() {
		for (String bad : new String[] { "1y", "mo", "0d", "-1d", "1.5h", "", "9999999999d" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> BudgetDuration.parse(bad))
				.withMessageContaining("invalid duration");
		}
	}

}
