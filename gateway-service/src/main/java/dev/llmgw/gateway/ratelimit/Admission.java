package dev.llmgw.gateway.ratelimit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a request's rate limits.
 *
 * @param allowed whether it may go on
 * @param refusedBy the limit that refused it
 * @param checks the limits that applied
 * @param remaining what is left of each, in the order of {@code checks}; -1 when unknown
 * (limits not enforced)
 * @param window the fixed minute window the counts belong to (epoch minutes)
 * @param slotsTaken whether admitting took its parallel slots, so that the end of the
 * call must give them back: false for a refusal (the admission counts nothing) and for
 * limits not enforced; giving back a slot never taken would let a later call past the
 * limit
 */
public record Admission(boolean allowed, @Nullable LimitCheck refusedBy, List<LimitCheck> checks, long[] remaining,
		long window, boolean slotsTaken) {

	public static final Admission UNLIMITED = new Admission(true, null, List.of(), new long[0], 0, false);

	/** What counting admitted or refused: slots are taken only when admitted. */
	static Admission counted(@Nullable LimitCheck refusedBy, List<LimitCheck> checks, long[] remaining, long window) {
		return new Admission(refusedBy == null, refusedBy, checks, remaining, window, refusedBy == null);
	}

	/**
	 * Admitted without counting: the shared counters could not be reached (limits fail
	 * open), or were not asked because something else refused the call first.
	 */
	static Admission uncounted(List<LimitCheck> checks, long window) {
		long[] unknown = new long[checks.size()];
		java.util.Arrays.fill(unknown, -1);
		return new Admission(true, null, checks, unknown, window, false);
	}

	/** The epoch millisecond at which this admission's minute window ends. */
	public long windowEndMillis() {
		return (this.window + 1) * 60_000L;
	}

}
