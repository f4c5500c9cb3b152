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
		assertThat(BudgetDuration.parse("1mo").toString()).isEqualTo("1mo");
	}

	@Test
	void monthsAreCalendarMonths() {
		assertThat(BudgetDuration.parse("1mo").addTo(JAN_31).getDayOfMonth()).isEqualTo(28);
	}

	@Test
	void rejectsAnythingElse() {
		for (String bad : new String[] { "1w", "mo", "0d", "-1d", "1.5h", "" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> BudgetDuration.parse(bad))
				.withMessageContaining("invalid duration");
		}
	}

}
