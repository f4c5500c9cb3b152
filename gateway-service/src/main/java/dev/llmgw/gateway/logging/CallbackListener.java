package dev.llmgw.gateway.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.CallState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Hands every ended call to the logging callbacks that want it: builds its standard
 * logging payload once (redacted when the call's text must stay out), writes its JSON
 * once, and queues it on each callback's {@link Delivery}. Runs on its own listener
 * thread, never on the response path.
 */
final class CallbackListener implements CallListener {

	/** The most one call's payload may hold before its messages and response are cut. */
	static final int MAX_ENTRY_BYTES = 1024 * 1024;

	static final String TRUNCATED = "<truncated due to size exceeding limit>";

	private final List<Route> routes;

	private final PayloadBuilder builder;

	private final Redaction redaction;

	private final JsonMapper mapper;

	private final boolean noLogAllowed;

	CallbackListener(List<Route> routes, PayloadBuilder builder, Redaction redaction, JsonMapper mapper,
			boolean noLogAllowed) {
		this.routes = routes;
		this.builder = builder;
		this.redaction = redaction;
		this.mapper = mapper;
		this.noLogAllowed = noLogAllowed;
	}

	@Override
	public String name() {
		return "logging-callbacks";
	}

	@Override
	public boolean wantsBodies() {
		return true;
	}

	/**
	 * Records with bodies are large (two of up to 64 KiB, a stream's frames up to 256
	 * KiB): few wait here, which bounds what a stalled listener holds; the deliveries
	 * bound the rest in bytes. Building a payload takes well under a millisecond, so the
	 * queue is rarely more than a few records deep.
	 */
	@Override
	public int queueCapacity() {
		return 1_000;
	}

	@Override
	public void onCallEnd(CallRecord record) {
		CallState state = CallState.of(record.attributes());
		Map<String, @Nullable Object> fields = (state != null) ? state.call().fields() : Map.of();
		if (this.noLogAllowed && isTrue(fields.get("no-log"))) {
			return;
		}
		LoggedRequest request = LoggedRequest.of(record.attributes());
		List<String> disabled = (request != null && this.noLogAllowed) ? request.disabledCallbacks() : List.of();
		List<Delivery> targets = new ArrayList<>(this.routes.size());
		for (Route route : this.routes) {
			if ((record.success() ? route.successes() : route.failures())
					&& route.delivery().sink().logs(record.success())
					&& disabled.stream().noneMatch(route.names()::contains)) {
				targets.add(route.delivery());
			}
		}
		if (targets.isEmpty()) {
			return;
		}
		StandardLoggingPayload payload = this.builder.build(record);
		if (this.redaction.applies(request, fields, CallerIdentity.of(record.attributes()))) {
			payload = this.redaction.redact(payload);
		}
		byte[] json = this.mapper.writeValueAsBytes(payload);
		if (json.length > MAX_ENTRY_BYTES) {
			// as the Langfuse SDK does: the text goes, the call's shape stays, and one
			// caller's huge prompt cannot push out everyone else's entries
			payload = payload.withContent(StringNode.valueOf(TRUNCATED), StringNode.valueOf(TRUNCATED));
			json = this.mapper.writeValueAsBytes(payload);
		}
		LogEntry entry = LogEntry.of(payload, json);
		for (Delivery delivery : targets) {
			delivery.offer(entry);
		}
	}

	private static boolean isTrue(@Nullable Object value) {
		return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
	}

	/**
	 * One callback and the calls it logs: {@code callbacks} logs both, and
	 * {@code success_callback} and {@code failure_callback} their half.
	 *
	 * @param delivery the callback's queue
	 * @param successes whether it logs successful calls
	 * @param failures whether it logs failed ones
	 * @param names the names it answers to ({@code x-litellm-disable-callbacks} may use
	 * any)
	 */
	record Route(Delivery delivery, boolean successes, boolean failures, Set<String> names) {
	}

}
