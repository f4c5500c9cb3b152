package dev.llmgw.gateway.providers;

import dev.llmgw.model.openai.Usage;

/**
 * What a stream reported while it passed through, read once it ends: its usage and
 * whether any frame reached the caller (after that, an error can only be told inside the
 * stream). Written by the one thread that drives the stream; read after its completion
 * signal, which orders the writes before the read.
 */
public final class StreamTally {

	/**
	 * {@code "content":"",} and the difference between a null and a "stop" finish reason,
	 * roughly.
	 */
	private static final int EMPTY_CONTENT_FIELD = 10;

	private Usage usage = Usage.NONE;

	private boolean started;

	private volatile boolean providerStarted;

	private long chunks;

	private long chunkBytes;

	private long smallestChunk = Long.MAX_VALUE;

	public Usage usage() {
		return this.usage;
	}

	public void usage(Usage usage) {
		this.usage = usage;
	}

	public boolean started() {
		return this.started;
	}

	/**
	 * Counts a relayed chunk's size, for an estimate of the completion when the provider
	 * never reports usage: the smallest chunk (the finish chunk, no text) shows what a
	 * chunk costs without text, and whatever each chunk carries beyond that, less the
	 * empty content field, is roughly its text.
	 */
	public void countChunk(int bytes) {
		this.chunks++;
		this.chunkBytes += bytes;
		this.smallestChunk = Math.min(this.smallestChunk, bytes);
	}

	/** About how many characters of completion the chunks carried. */
	public long estimatedCompletionChars() {
		if (this.chunks == 0) {
			return 0;
		}
		return Math.max(0, this.chunkBytes - this.chunks * (this.smallestChunk + EMPTY_CONTENT_FIELD));
	}

	/**
	 * Whether a provider has sent a frame, held back or not (a post-call guardrail holds
	 * a whole stream): from then on a failure is not retried, and the stream is charged.
	 */
	public boolean providerStarted() {
		return this.providerStarted;
	}

	public void markProviderStarted() {
		this.providerStarted = true;
	}

	public void markStarted() {
		this.started = true;
	}

}
