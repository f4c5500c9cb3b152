package dev.llmgw.gateway.spend;

import java.util.List;

import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.CallState;
import dev.llmgw.gateway.engine.RequestTags;

/**
 * Queues a spend-log row for every finished call that reached a deployment, refused or
 * not, for the {@link SpendRecorder} to write in batches.
 */
final class SpendLogListener implements CallListener {

	private final SpendRecorder recorder;

	SpendLogListener(SpendRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public String name() {
		return "spend-log";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		if (record.deploymentId() == null) {
			return;
		}
		this.recorder.record(new SpendEvent(record.callId(), record.litellmCallType(),
				record.success() ? "success" : "failure", record.keyHash(), record.userId(), record.teamId(),
				record.endUser(), record.cost(), record.usage(), record.startTime(), record.endTime(),
				record.providerModel(), record.deploymentId(), record.model(), record.provider(), record.apiBase(),
				record.cacheHit(), record.cacheKey(), record.guardrails(), tags(record)));
	}

	private static List<String> tags(CallRecord record) {
		CallState state = CallState.of(record.attributes());
		return (state != null) ? RequestTags.of(state.call().fields()) : List.of();
	}

	/** LiteLLM's call type names, as its spend logs hold them. */

	@Override
	public boolean inline() {
		return true;
	}

}
