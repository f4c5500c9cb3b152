package dev.llmgw.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.web.CallerInput;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads a request body into a record, within the size limit, parsing straight from the
 * received buffers. Bad JSON, a null body, a null in a typed list and wrong field types
 * become 400s naming the field and the JSON type it takes ({@link JsonInputErrors}); an
 * oversized body a 413 naming the limit. Every body passes {@link CallerInput}: no NUL
 * character anywhere, and in admin bodies no id, alias or email longer than its column.
 */
public final class JsonBodyReader {

	private final JsonMapper mapper;

	private final long maxBytes;

	public JsonBodyReader(JsonMapper mapper, long maxBytes) {
		// a null in a typed list (messages: [null], tools: [null]) is a bad request,
		// not a null for every translator to trip on; untyped values such as metadata
		// keep theirs
		this.mapper = mapper.rebuild()
			.withConfigOverride(List.class,
					(override) -> override.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
			.build();
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
					return parse(buffer, type);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
	}

	private <T> T parse(DataBuffer buffer, Class<T> type) {
		try {
			if (hasNulEscape(buffer)) {
				// rare: parsed twice, to name the field that holds it
				int start = buffer.readPosition();
				CallerInput.checkNul(this.mapper.readValue(buffer.asInputStream(), Object.class));
				buffer.readPosition(start);
			}
			T value = this.mapper.readValue(buffer.asInputStream(), type);
			if (value == null) {
				throw new BadRequestError("Invalid request body: send a JSON object, not null");
			}
			return value;
		}
		catch (DatabindException ex) {
			throw JsonInputErrors.unfitting(ex);
		}
		catch (JacksonException ex) {
			throw JsonInputErrors.malformed(ex);
		}
	}

	/**
	 * Whether the body holds an escaped NUL character (the escape backslash-u0000), which
	 * PostgreSQL cannot store. JSON cannot carry a raw one, and a backslash only ever
	 * starts an escape, so stepping over escapes in pairs finds exactly the NULs.
	 */
	static boolean hasNulEscape(DataBuffer buffer) {
		int end = buffer.writePosition();
		for (int i = buffer.readPosition(); i < end; i++) {
			if (buffer.getByte(i) != '\\' || i + 1 >= end) {
				continue;
			}
			if (buffer.getByte(i + 1) == 'u' && i + 5 < end && buffer.getByte(i + 2) == '0'
					&& buffer.getByte(i + 3) == '0' && buffer.getByte(i + 4) == '0' && buffer.getByte(i + 5) == '0') {
				return true;
			}
			i++;
		}
		return false;
	}

	/**
	 * Reads a JSON object, an absent body counting as {@code {}} (admin routes whose
	 * fields are all optional).
	 */
	@SuppressWarnings("unchecked")
	public Mono<Map<String, @Nullable Object>> readObject(ServerWebExchange exchange) {
		return read(exchange, Map.class).map((map) -> {
			CallerInput.checkAll(map);
			return (Map<String, @Nullable Object>) map;
		})
			.onErrorResume(BadRequestError.class, (error) -> error.getMessage().startsWith("Request body is empty")
					? Mono.just(new LinkedHashMap<>()) : Mono.error(error));
	}

	RequestTooLargeError tooLarge() {
		return new RequestTooLargeError("Request size is too large. Max size is " + (this.maxBytes / (1024 * 1024))
				+ " MB (general_settings.max_request_size_mb)");
	}

}
