package dev.llmgw.gateway.providers;

import dev.llmgw.model.openai.Usage;

/**
 * What a stream reported while it passed through, read once it ends: its usage and
 * whether any frame reached the caller (after that, an error can only be told inside the
 * stream). Written by the one thread that drives the stream; read after its completion
 * signal, which orders the writes before the read.
 */
public final class StreamTally {

	private Usage usage = Usage.NONE;

	private boolean started;

	public Usage usage() {
		return this.usage;
	}

	public void usage(Usage usage) {
		this.usage = usage;
	}

	public boolean started() {
		return this.started;
	}

	public void markStarted() {
		this.started = true;
	}

}
