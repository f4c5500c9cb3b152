package dev.llmgw.gateway.providers;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Passes a binary response body (audio) on as it arrives, one piece per network read.
 */
public final class RawBodyDecoder implements StreamBodyDecoder {

	@Override
	public List<byte[]> decode(ByteBuf buffer) {
		return (buffer.readableBytes() > 0) ? List.of(ByteBufUtil.getBytes(buffer)) : List.of();
	}

	@Override
	public List<byte[]> finish() {
		return List.of();
	}

}
