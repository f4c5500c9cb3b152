package dev.llmgw.fake.collectors;

/**
 * A collector's fault and what it has done so far.
 *
 * @param status the status its answers carry, or 0 to answer normally after the delay
 * @param remaining how many more requests it answers; -1 for every one until cleared
 * @param delayMillis how long each of its answers waits
 * @param answered how many requests it has answered since faults were last cleared
 */
record Fault(int status, long remaining, long delayMillis, long answered) {

	static final Fault NONE = new Fault(0, 0, 0, 0);

	boolean active() {
		return this.remaining != 0;
	}

	/**
	 * The fault once it has answered one more request.
	 */
	Fault taken() {
		return new Fault(this.status, (this.remaining < 0) ? this.remaining : this.remaining - 1, this.delayMillis,
				this.answered + 1);
	}

}
