package dev.llmgw.gateway.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.web.ExchangeAttribute;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the pipeline learns about one model call while it runs, written by the pipeline
 * alone (its stages report through callbacks) and read when the call ends to build its
 * {@link CallRecord}, and by the access log.
 */
public final class CallState {

	private static final ExchangeAttribute<CallState> ATTRIBUTE = ExchangeAttribute.of(CallState.class,
			CallState.class);

	private final ModelCall call;

	private volatile @Nullable Deployment deployment;

	private volatile Usage usage = Usage.NONE;

	private volatile @Nullable Double cost;

	private volatile long firstByteNanos;

	private volatile long attemptNanos;

	private volatile boolean stream;

	private volatile long admissionStartNanos;

	private volatile long admissionEndNanos;

	private volatile long cacheStartNanos;

	private volatile long cacheEndNanos;

	private volatile boolean cacheHit;

	private volatile @Nullable String cacheKey;

	private volatile @Nullable Throwable failure;

	private volatile byte @Nullable [] responseBody;

	private volatile @Nullable Object sentRequest;

	/** A stream's frames, kept only when a listener reads the bodies. */
	private final @Nullable List<byte[]> frames;

	private long frameBytes;

	private CallState(ModelCall call, boolean keepFrames) {
		this.call = call;
		this.frames = keepFrames ? Collections.synchronizedList(new ArrayList<>()) : null;
	}

	/** The model call of a request, null when it made none (or not yet). */
	public static @Nullable CallState of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

	/** The model call of an ended request, from its record's attributes. */
	public static @Nullable CallState of(Map<String, Object> attributes) {
		return ATTRIBUTE.get(attributes);
	}

	static CallState start(ServerWebExchange exchange, ModelCall call, boolean keepFrames) {
		CallState state = new CallState(call, keepFrames);
		ATTRIBUTE.put(exchange, state);
		return state;
	}

	static CallState require(ServerWebExchange exchange) {
		CallState state = ATTRIBUTE.get(exchange);
		if (state == null) {
			throw new IllegalStateException("a model call was made without being admitted");
		}
		return state;
	}

	public ModelCall call() {
		return this.call;
	}

	/** The deployment that answered, or that was chosen last. */
	public @Nullable Deployment deployment() {
		return this.deployment;
	}

	public Usage usage() {
		return this.usage;
	}

	@Nullable Double cost() {
		return this.cost;
	}

	void admitted(long startNanos, long endNanos) {
		this.admissionStartNanos = startNanos;
		this.admissionEndNanos = endNanos;
	}

	void cacheLooked(long startNanos, long endNanos) {
		this.cacheStartNanos = startNanos;
		this.cacheEndNanos = endNanos;
	}

	/** When admission started ({@link System#nanoTime}), 0 when it did not run. */
	long admissionStartNanos() {
		return this.admissionStartNanos;
	}

	long admissionEndNanos() {
		return this.admissionEndNanos;
	}

	/** When the cache lookup started, 0 when none was made. */
	long cacheStartNanos() {
		return this.cacheStartNanos;
	}

	long cacheEndNanos() {
		return this.cacheEndNanos;
	}

	/** Whether the provider was asked for a stream. */
	boolean stream() {
		return this.stream;
	}

	void streaming() {
		this.stream = true;
	}

	/** When the last provider attempt started (0: none did). */
	long attemptNanos() {
		return this.attemptNanos;
	}

	long firstByteNanos() {
		return this.firstByteNanos;
	}

	boolean cacheHit() {
		return this.cacheHit;
	}

	@Nullable String cacheKey() {
		return this.cacheKey;
	}

	/** What made the call fail, null when nothing did. */
	public @Nullable Throwable failure() {
		return this.failure;
	}

	byte @Nullable [] responseBody() {
		return this.responseBody;
	}

	/** The deployment admission chose; no provider is called yet. */
	void deployment(Deployment deployment) {
		this.deployment = deployment;
	}

	/** A provider attempt starts: the deployment called, and when. */
	void attempting(Deployment deployment) {
		this.deployment = deployment;
		this.attemptNanos = System.nanoTime();
	}

	/** A stream's end: its usage and cost (it has no body to keep). */
	void streamed(Usage usage, double cost) {
		this.usage = usage;
		this.cost = cost;
	}

	void answered(Usage usage, double cost, byte[] body) {
		this.usage = usage;
		this.cost = cost;
		this.responseBody = body;
		firstByte();
	}

	/**
	 * The request as the provider was sent it (a guardrail's masking included), for the
	 * record: never the unmasked prompt.
	 */
	Object sentRequest() {
		Object sent = this.sentRequest;
		return (sent != null) ? sent : this.call.request();
	}

	void checked(ModelCall checked) {
		this.sentRequest = checked.request();
	}

	/** The answer as it went out, a guardrail's masking included. */
	void sent(byte[] body) {
		this.responseBody = body;
	}

	/**
	 * A stream frame that went out, kept (up to a bound) when listeners read the bodies.
	 * Called by the one thread that drives the stream.
	 */
	void relayed(byte[] frame) {
		List<byte[]> kept = this.frames;
		if (kept == null || this.frameBytes < 0) {
			return;
		}
		if (this.frameBytes + frame.length > CallRecord.Bodies.MAX_FRAME_BYTES) {
			// past the bound nothing more is kept, not even a short last frame: a stream
			// with a hole must not pass for a whole answer
			this.frameBytes = -1;
			return;
		}
		this.frameBytes += frame.length;
		kept.add(frame);
	}

	/**
	 * The stream's kept frames, handed over once (the state, which records keep in their
	 * attributes, then holds none); empty when none were kept or the stream passed the
	 * bound.
	 */
	List<byte[]> takeFrames() {
		List<byte[]> kept = this.frames;
		if (kept == null || kept.isEmpty()) {
			return List.of();
		}
		List<byte[]> taken = (this.frameBytes < 0) ? List.of() : List.copyOf(kept);
		kept.clear();
		return taken;
	}

	void firstByte() {
		if (this.firstByteNanos == 0) {
			this.firstByteNanos = System.nanoTime();
		}
	}

	void cacheHit(boolean hit) {
		this.cacheHit = hit;
	}

	void cacheKey(String key) {
		this.cacheKey = key;
	}

	void failed(Throwable failure) {
		this.failure = failure;
	}

}
