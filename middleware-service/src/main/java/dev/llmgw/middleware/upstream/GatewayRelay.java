package dev.llmgw.middleware.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Flux;

/**
 * An answer of the gateway to pass on unread: its body's chunks are Netty's own buffers,
 * retained, so that they are written to the caller without a copy. Whoever takes a chunk
 * releases it (writing it does).
 *
 * @param status the HTTP status
 * @param headers its headers
 * @param body the body's chunks as the gateway flushed them
 */
public record GatewayRelay(int status, HttpHeaders headers, Flux<ByteBuf> body) {

}
