package dev.llmgw.gateway.engine;

/**
 * Told of every model call once it has ended, after its response: each listener has its
 * own bounded queue and thread ({@link CallListeners}), so that its failure or slowness
 * touches neither the response nor the other listeners. A listener that only hands the
 * record on without blocking may run {@link #inline} instead.
 */
public interface CallListener {

	/** The listener's name in logs and drop counts. */
	String name();

	/**
	 * Runs on the listener's own thread, one record at a time, in the order calls ended.
	 */
	void onCallEnd(CallRecord record);

	/** Whether records should carry the call's bodies (serializing them costs). */
	default boolean wantsBodies() {
		return false;
	}

	/**
	 * Whether the listener runs on the thread that ended the call, right after the
	 * response, instead of through a queue. Only for listeners that never block and do
	 * little: sending one Redis command, queueing a row, adding to a counter. The budget
	 * settle and the rate-limit release are inline so that Redis receives them before the
	 * caller's next call can be admitted, as a caller who waits for one answer before the
	 * next call expects. A failure is still caught and counted.
	 */
	default boolean inline() {
		return false;
	}

	/** How many records may wait for this listener before new ones are dropped. */
	default int queueCapacity() {
		return 10_000;
	}

}
