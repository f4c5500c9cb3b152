package dev.llmgw.gateway.budget;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.engine.PromptBound;
import dev.llmgw.gateway.pricing.ModelPrice;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BudgetGateTests {

	@Test
	void refusalsUseLiteLlmsWording() {
		assertThat(message(BudgetKind.KEY, 10.02, 10.0))
			.isEqualTo("Budget has been exceeded! Current cost: 10.02, Max budget: 10");
		assertThat(message(BudgetKind.USER, 5.1, 5.0))
			.isEqualTo("ExceededBudget: User=id-1 over budget. Spend=5.1, Budget=5");
		assertThat(message(BudgetKind.TEAM, 5.1, 5.0))
			.isEqualTo("Budget has been exceeded! Team=id-1 Current cost: 5.1, Max budget: 5");
	}

	@Test
	void theEstimateCoversThePromptAndTheCompletionCap() {
		ModelPrice price = new ModelPrice(1e-6, 2e-6, null, null);
		ChatCompletionRequest capped = new ChatCompletionRequest("m", List.of(ChatMessage.of("user", "x".repeat(400))),
				false, null, 50, null, null, null, null, null, null, new LinkedHashMap<>());
		assertThat(BudgetGate.estimate(price, PromptBound.estimate(capped)))
			.isCloseTo((400 + PromptBound.MESSAGE_TOKENS) * 1e-6 + 50 * 2e-6, within(1e-15));
		ChatCompletionRequest open = new ChatCompletionRequest("m", List.of(ChatMessage.of("user", "hi")), false, null,
				null, null, null, null, null, null, null, new LinkedHashMap<>());
		assertThat(BudgetGate.estimate(price, PromptBound.estimate(open))).isCloseTo(
				(2 + PromptBound.MESSAGE_TOKENS) * 1e-6 + BudgetGate.DEFAULT_COMPLETION_ESTIMATE * 2e-6, within(1e-15));
		ModelPrice bounded = new ModelPrice(1e-6, 2e-6, null, null, 16_384);
		assertThat(BudgetGate.estimate(bounded, PromptBound.estimate(open)))
			.as("a request without max_tokens reserves the model's largest output")
			.isCloseTo((2 + PromptBound.MESSAGE_TOKENS) * 1e-6 + 16_384 * 2e-6, within(1e-15));
	}

	@Test
	void periodsRollForwardOnSchedule() {
		OffsetDateTime reset = OffsetDateTime.of(2026, 1, 31, 0, 0, 0, 0, ZoneOffset.UTC);
		assertThat(BudgetPeriods.currentEnd(reset, "1mo", reset.minusDays(1), ZoneOffset.UTC)).isEqualTo(reset);
		assertThat(BudgetPeriods.currentEnd(reset, "1mo", reset, ZoneOffset.UTC))
			.as("the next period ends on the 1st, as LiteLLM's resets")
			.isEqualTo(OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(BudgetPeriods.currentEnd(reset, "30s", reset.plusSeconds(95), ZoneOffset.UTC))
			.isEqualTo(reset.plusSeconds(120));
		assertThat(BudgetPeriods.currentEnd(null, "30d", reset, ZoneOffset.UTC)).isNull();
		// a budget set at 10:17 to reset daily: its period ended at midnight, the next
		// ends at the following midnight, not 24 hours after 10:17
		OffsetDateTime old = OffsetDateTime.of(2026, 3, 2, 10, 17, 0, 0, ZoneOffset.UTC);
		assertThat(BudgetPeriods.currentEnd(old, "1d", old.plusHours(20), ZoneOffset.UTC))
			.isEqualTo(OffsetDateTime.of(2026, 3, 4, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(BudgetPeriods.currentEnd(old, "1d", old.plusHours(20), java.time.ZoneId.of("Asia/Tokyo")))
			.as("midnight in Tokyo")
			.isEqualTo(OffsetDateTime.of(2026, 3, 3, 15, 0, 0, 0, ZoneOffset.UTC));
	}

	private static String message(BudgetKind kind, double spend, double max) {
		BudgetCheck check = new BudgetCheck(kind, "id-1", BudgetCheck.nanos(max), 0, 0, kind != BudgetKind.KEY, max);
		return BudgetGate.refusal(new BudgetDecision(false, check, BudgetCheck.nanos(spend), List.of(), 0))
			.getMessage();
	}

}
