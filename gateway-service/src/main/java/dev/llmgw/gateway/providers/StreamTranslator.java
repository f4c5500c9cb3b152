package dev.llmgw.gateway.providers;

import java.util.List;

/**
 * Turns one provider's server-sent events into OpenAI chunk frames, one event at a time,
 * as they arrive. One instance per stream.
 */
public interface StreamTranslator {

	/**
	 * @param event one provider event
	 * @return the frames it yields, often one, possibly none
	 */
	List<byte[]> onEvent(SseEvent event);

	/**
	 * @return the frames that close the stream (usage, {@code [DONE]}) once the provider
	 * has finished
	 */
	List<byte[]> onEnd();

}
