package dev.llmgw.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * A request's rate-limit admission, owned by this package as an exchange attribute: held
 * from the moment it is admitted until the request ends, and handed back exactly once
 * whichever comes first. An admission that lands after its request already ended (the
 * client went away while Redis answered) is handed back at once, so no slot outlives its
 * call.
 */
final class AdmissionHold {

	private static final ExchangeAttribute<AdmissionHold> ATTRIBUTE = ExchangeAttribute.of(AdmissionHold.class,
			AdmissionHold.class);

	/** Marks a request that has ended: nothing more is held for it. */
	private static final Admission ENDED = new Admission(true, null, java.util.List.of(), new long[0], 0, false);

	private final AtomicReference<@Nullable Admission> held = new AtomicReference<>();

	static AdmissionHold of(ServerWebExchange exchange) {
		return ATTRIBUTE.computeIfAbsent(exchange, AdmissionHold::new);
	}

	/**
	 * The request's hold, null when its call took none (unlimited, or not admitted yet).
	 */
	static @Nullable AdmissionHold held(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	/** The hold a finished call's record carries, null when the call took none. */
	static @Nullable AdmissionHold of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	/**
	 * Holds an admission until the request ends.
	 * @return false when the request has already ended: the caller hands it back now
	 */
	boolean hold(Admission admission) {
		return this.held.compareAndSet(null, admission);
	}

	/** Ends the request: the admission to hand back, or null when none is held. */
	@Nullable Admission end() {
		Admission admission = this.held.getAndSet(ENDED);
		return (admission == ENDED) ? null : admission;
	}

}
