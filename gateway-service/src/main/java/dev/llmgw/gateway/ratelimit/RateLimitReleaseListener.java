package dev.llmgw.gateway.ratelimit;

import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;

/**
 * Ends each admitted call's rate-limit counting once its response has ended, however it
 * ended (done, failed, cancelled by the client): its parallel slots are freed and the
 * tokens it used are counted.
 */
final class RateLimitReleaseListener implements CallListener {

	private final RateLimitGate gate;

	RateLimitReleaseListener(RateLimitGate gate) {
		this.gate = gate;
	}

	@Override
	public String name() {
		return "rate-limit-release";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		this.gate.end(AdmissionHold.of(record.attributes()), record.usage()).subscribe();
	}

	@Override
	public boolean inline() {
		return true;
	}

}
