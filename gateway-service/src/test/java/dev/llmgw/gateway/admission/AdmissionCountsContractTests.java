package dev.llmgw.gateway.admission;

import java.util.List;
import java.util.UUID;

import dev.llmgw.gateway.admission.AdmissionCounts.Counted;
import dev.llmgw.gateway.budget.BudgetCheck;
import dev.llmgw.gateway.budget.BudgetKind;
import dev.llmgw.gateway.budget.BudgetDecision;
import dev.llmgw.gateway.budget.BudgetPlan;
import dev.llmgw.gateway.ratelimit.Admission;
import dev.llmgw.gateway.ratelimit.LimitCheck;
import dev.llmgw.gateway.ratelimit.LimitKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counting a call's limits and budgets together does, in process and in Redis: all
 * or nothing at admission (a refusal of either holds nothing of the other), and one end
 * that frees the slots, counts the tokens and settles the cost.
 */
abstract class AdmissionCountsContractTests {

	String id;

	abstract AdmissionCounts counts();

	@BeforeEach
	void freshId() {
		this.id = UUID.randomUUID().toString();
	}

	@Test
	void limitsAndBudgetsAdmitTogether() {
		Counted counted = counts().admit(List.of(rpm(2)), plan(budget(1000, 0), 100)).block();
		assertThat(counted.admission().allowed()).isTrue();
		assertThat(counted.admission().remaining()).containsExactly(1);
		assertThat(counted.decision().allowed()).isTrue();
		assertThat(counted.decision().checks()).hasSize(1);
	}

	@Test
	void aBudgetRefusalCountsNoLimit() {
		Counted refused = counts().admit(List.of(rpm(1)), plan(budget(50, 50), 1)).block();
		assertThat(refused.decision().allowed()).isFalse();
		Counted next = counts().admit(List.of(rpm(1)), BudgetPlan.NONE).block();
		assertThat(next.admission().allowed()).as("the refused call used none of the minute's one request").isTrue();
	}

	@Test
	void aLimitRefusalHoldsNoBudget() {
		assertThat(counts().admit(List.of(rpm(1)), BudgetPlan.NONE).block().admission().allowed()).isTrue();
		BudgetCheck budget = budget(100, 0);
		Counted refused = counts().admit(List.of(rpm(1)), plan(budget, 60)).block();
		assertThat(refused.admission().allowed()).isFalse();
		assertThat(refused.decision().checks()).as("nothing reserved, nothing to settle").isEmpty();
		assertThat(counts().admit(List.of(), plan(budget, 90)).block().decision().allowed())
			.as("the refused call's 60 were given back")
			.isTrue();
	}

	@Test
	void theEndFreesTheSlotCountsTheTokensAndSettlesTheCost() {
		LimitCheck parallel = new LimitCheck("api_key", this.id, LimitKind.PARALLEL, 1);
		LimitCheck tpm = new LimitCheck("api_key", this.id, LimitKind.TOKENS, 100);
		BudgetCheck budget = budget(100, 0);
		Counted first = counts().admit(List.of(parallel, tpm), plan(budget, 10)).block();
		assertThat(first.admission().allowed()).isTrue();
		assertThat(counts().admit(List.of(parallel), BudgetPlan.NONE).block().admission().allowed())
			.as("the one slot is taken")
			.isFalse();
		counts().end(first.admission(), 100, first.decision(), 60).block();
		Counted second = counts().admit(List.of(parallel), plan(budget, 30)).block();
		assertThat(second.admission().allowed()).as("the slot was given back").isTrue();
		assertThat(second.decision().allowed()).as("60 spent, under 100").isTrue();
		counts().end(second.admission(), 0, second.decision(), 40).block();
		assertThat(counts().admit(List.of(), plan(budget, 1)).block().decision().allowed())
			.as("60 and 40 spent, the reservations settled: the key's budget is reached")
			.isFalse();
		assertThat(counts().admit(List.of(tpm), BudgetPlan.NONE).block().admission().allowed())
			.as("the 100 tokens used fill the minute's 100")
			.isFalse();
	}

	@Test
	void anEndWithNothingHeldSendsNothing() {
		counts().end(null, 10, null, 10).block();
		counts().end(Admission.UNLIMITED, 10, BudgetDecision.UNLIMITED, 10).block();
	}

	LimitCheck rpm(long limit) {
		return new LimitCheck("api_key", this.id, LimitKind.REQUESTS, limit);
	}

	BudgetCheck budget(long maxNanos, long spentNanos) {
		return new BudgetCheck(BudgetKind.KEY, this.id, maxNanos, spentNanos, 0, false, maxNanos / 1e9);
	}

	static BudgetPlan plan(BudgetCheck check, long estimateNanos) {
		return new BudgetPlan(List.of(check), estimateNanos);
	}

}
