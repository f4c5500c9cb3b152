package dev.llmgw.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a request body into a record, within the size limit, parsing straight from the
 * received buffers. Bad JSON and wrong field types become 400s naming the field; an
 * oversized body a 413 naming the limit.
 */
public final class JsonBodyReader {

	private final JsonMapper mapper;

	private final long maxBytes;

	public JsonBodyReader(JsonMapper mapper, long maxBytes) {
		this.mapper = mapper;
		this.maxBytes = maxBytes;
	}

	public long maxBytes() {
		return this.maxBytes;
	}

	public <T> Mono<T> read(ServerWebExchange exchange, Class<T> type) {
		int limit = (int) Math.min(Integer.MAX_VALUE, this.maxBytes);
		return DataBufferUtils.join(exchange.getRequest().getBody(), limit)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.switchIfEmpty(Mono.error(() -> new BadRequestError("Request body is empty: send a JSON object")))
			.map((buffer) -> {
				try {
					return this.mapper.readValue(buffer.asInputStream(true), type);
				}
				catch (DatabindException ex) {
					throw new BadRequestError("Invalid request body: " + ex.getOriginalMessage() + location(ex));
				}
				catch (JacksonException ex) {
					throw new BadRequestError("Malformed JSON in request body: " + ex.getOriginalMessage());
				}
			});
	}

	/**
	 * Reads a JSON object, an absent body counting as {@code {}} (admin routes whose
	 * fields are all optional).
	 */
	@SuppressWarnings("unchecked")
	public Mono<Map<String, @Nullable Object>> readObject(ServerWebExchange exchange) {
		return read(exchange, Map.class).map((map) -> (Map<String, @Nullable Object>) map)
			.onErrorResume(BadRequestError.class, (error) -> error.getMessage().startsWith("Request body is empty")
					? Mono.just(new LinkedHashMap<>()) : Mono.error(error));
	}

	RequestTooLargeError tooLarge() {
		return new RequestTooLargeError("Request size is too large. Max size is " + (this.maxBytes / (1024 * 1024))
				+ " MB (general_settings.max_request_size_mb)");
	}

	private static String location(DatabindException ex) {
		String path = ex.getPathReference();
		return (path == null || path.isEmpty()) ? "" : " (at " + path + ")";
	}

}
