package dev.llmgw.gateway.spend;

import dev.llmgw.gateway.auth.KeySpendTracker;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;

/**
 * Adds each successful call's cost to its key's spend as this instance knows it, for
 * {@code x-litellm-key-spend} without a database read.
 */
final class KeySpendListener implements CallListener {

	private final KeySpendTracker keySpend;

	KeySpendListener(KeySpendTracker keySpend) {
		this.keySpend = keySpend;
	}

	@Override
	public String name() {
		return "key-spend";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		if (record.success() && record.keyHash() != null) {
			this.keySpend.add(record.keyHash(), record.cost());
		}
	}

	@Override
	public boolean inline() {
		return true;
	}

}
