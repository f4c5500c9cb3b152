package dev.llmgw.gateway.budget;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every budget ledger does; run against the in-process one and the Redis scripts.
 */
abstract class BudgetLedgerContractTests {

	String id;

	abstract BudgetLedger ledger();

	@BeforeEach
	void freshId() {
		this.id = UUID.randomUUID().toString();
	}

	@Test
	void reservationsHoldTheBudgetForCallsInFlight() {
		BudgetCheck key = new BudgetCheck(BudgetKind.KEY, this.id, 100, 0, 0, false, 1e-7);
		BudgetDecision first = ledger().admit(List.of(key), 60).block();
		assertThat(first.allowed()).isTrue();
		BudgetDecision second = ledger().admit(List.of(key), 60).block();
		assertThat(second.allowed()).as("60 reserved, not yet at 100").isTrue();
		BudgetDecision third = ledger().admit(List.of(key), 60).block();
		assertThat(third.allowed()).as("120 reserved").isFalse();
		assertThat(third.refusedBy()).isEqualTo(key);
		ledger().settle(first, 10).block();
		ledger().settle(second, 10).block();
		assertThat(ledger().admit(List.of(key), 60).block().allowed()).as("spent 20, reserved 0").isTrue();
	}

	@Test
	void keysFailAtTheLimitOthersPastIt() {
		BudgetCheck key = new BudgetCheck(BudgetKind.KEY, this.id, 50, 50, 0, false, 5e-8);
		BudgetCheck user = new BudgetCheck(BudgetKind.USER, this.id, 50, 50, 0, true, 5e-8);
		assertThat(ledger().admit(List.of(key), 1).block().allowed()).isFalse();
		assertThat(ledger().admit(List.of(user), 1).block().allowed()).isTrue();
		BudgetCheck zero = new BudgetCheck(BudgetKind.KEY, this.id + "-zero", 0, 0, 0, false, 0);
		assertThat(ledger().admit(List.of(zero), 1).block().allowed()).as("max_budget 0 blocks at once").isFalse();
	}

	@Test
	void allBudgetsOrNone() {
		BudgetCheck key = new BudgetCheck(BudgetKind.KEY, this.id, 1000, 0, 0, false, 1e-6);
		BudgetCheck team = new BudgetCheck(BudgetKind.TEAM, this.id, 10, 20, 0, true, 1e-8);
		BudgetDecision refused = ledger().admit(List.of(key, team), 100).block();
		assertThat(refused.allowed()).isFalse();
		assertThat(refused.refusedBy()).isEqualTo(team);
		assertThat(refused.spentNanos()).isEqualTo(20);
		BudgetDecision keyOnly = ledger().admit(List.of(key), 950).block();
		assertThat(keyOnly.allowed()).as("the refusal reserved nothing on the key").isTrue();
	}

	@Test
	void aNewPeriodCountsFromItsOwnStart() {
		BudgetCheck old = new BudgetCheck(BudgetKind.KEY, this.id, 100, 100, 1000, false, 1e-7);
		assertThat(ledger().admit(List.of(old), 1).block().allowed()).isFalse();
		BudgetCheck next = new BudgetCheck(BudgetKind.KEY, this.id, 100, 0, 2000, false, 1e-7);
		assertThat(ledger().admit(List.of(next), 1).block().allowed()).isTrue();
	}

}
