package dev.llmgw.middleware.bedrock;

import reactor.core.publisher.Flux;

import org.springframework.web.server.ServerWebExchange;

/**
 * What the Converse routes tell whoever watches them (the metrics, when they are on): a
 * call that begins, and the frames of a stream as they go out. Declared here so that the
 * watcher depends on this package and not the other way round; {@link #NONE} when nobody
 * watches. Implementations are called on event loops and must not block.
 */
public interface ConverseEvents {

	/** Nobody watching. */
	ConverseEvents NONE = new ConverseEvents() {
	};

	/**
	 * A Converse call begins. Its answer is the exchange's response: a watcher that wants
	 * its status and duration reads them from the exchange once it has ended.
	 * @param exchange the call's exchange
	 * @param operation which operation
	 * @param modelId the model id from the path, as the caller gave it
	 */
	default void started(ServerWebExchange exchange, Operation operation, String modelId) {
	}

	/**
	 * A stream's event-stream frames on their way to the caller.
	 * @param operation which operation
	 * @param frames the frames
	 * @return the same frames, watched
	 */
	default Flux<byte[]> streamed(Operation operation, Flux<byte[]> frames) {
		return frames;
	}

	/** The Bedrock Runtime operations the middleware serves. */
	enum Operation {

		/** {@code POST /bedrock/model/{modelId}/converse}. */
		CONVERSE(false),

		/** {@code POST /bedrock/model/{modelId}/converse-stream}. */
		CONVERSE_STREAM(true);

		private final boolean streamed;

		Operation(boolean streamed) {
			this.streamed = streamed;
		}

		/**
		 * Whether its answer is an event stream, whose frames go through
		 * {@link ConverseEvents#streamed}.
		 */
		public boolean streamed() {
			return this.streamed;
		}

	}

}
