package dev.llmgw.gateway.providers;

import java.util.List;

import io.netty.buffer.ByteBuf;

/**
 * Turns a provider's streamed response body into OpenAI frames as its bytes arrive,
 * however the network cut them: server-sent events for most providers, AWS event-stream
 * frames for SageMaker. One per stream; driven by one thread at a time.
 */
public interface StreamBodyDecoder {

	/**
	 * @param buffer the next bytes; released once this returns, so nothing may keep it
	 * @return the frames these bytes complete, often none or one
	 * @throws RuntimeException a {@link dev.llmgw.gateway.error.GatewayError} when the
	 * provider reported a failure inside the stream
	 */
	List<byte[]> decode(ByteBuf buffer);

	/**
	 * @return the frames that close the stream once the provider has finished
	 */
	List<byte[]> finish();

}
