package dev.llmgw.gateway.ui;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.RequestTooLargeError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * A submitted form of a UI page, read only after its CSRF token matched the session's:
 * every page handler that changes something gets its fields from here, so none can forget
 * the check. The typed readers turn blank fields into "not sent", so an empty box leaves
 * a setting alone instead of clearing it.
 */
final class UiForms {

	static final String CSRF_FIELD = "csrf";

	/** No form of ours needs more fields than this. */
	private static final int MAX_FIELDS = 64;

	private final MultiValueMap<String, String> fields;

	private UiForms(MultiValueMap<String, String> fields) {
		this.fields = fields;
	}

	static Mono<UiForms> read(ServerRequest request) {
		UiSession session = UiSession.of(request.exchange());
		return fields(request).map((fields) -> {
			if (session == null || !session.csrfMatches(fields.getFirst(CSRF_FIELD))) {
				throw new PermissionDeniedError("The form's CSRF token is missing or belongs to another session;"
						+ " reload the page and send it again");
			}
			if (fields.size() > MAX_FIELDS) {
				throw new BadRequestError("Too many form fields");
			}
			return new UiForms(fields);
		});
	}

	/**
	 * A form's fields, with the caller's mistakes as the API answers them: a body over
	 * the reader's limit is a 413, a malformed escape a 400.
	 */
	static Mono<MultiValueMap<String, String>> fields(ServerRequest request) {
		return request.formData().onErrorMap((ex) -> !(ex instanceof GatewayError), (ex) -> {
			if (ex instanceof DataBufferLimitException) {
				return new RequestTooLargeError("The form is too large");
			}
			return new BadRequestError("The form could not be read: " + ex.getClass().getSimpleName());
		});
	}

	/** The field's trimmed text, or null when it is blank or absent. */
	@Nullable String text(String name) {
		String value = this.fields.getFirst(name);
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.isEmpty() ? null : trimmed;
	}

	String required(String name, String label) {
		String value = text(name);
		if (value == null) {
			throw new BadRequestError(label + " is required", null, name);
		}
		return value;
	}

	/** A number as the API takes it, or null when blank. */
	@Nullable BigDecimal number(String name, String label) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		try {
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestError(label + " must be a number, got '" + value + "'", null, name);
		}
	}

	/** A comma- or line-separated list, or null when blank. */
	@Nullable List<String> list(String name) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		List<String> items = new ArrayList<>();
		Arrays.stream(value.split("[,\\n]")).map(String::strip).filter((item) -> !item.isEmpty()).forEach(items::add);
		return items;
	}

	boolean checked(String name) {
		return "on".equals(this.fields.getFirst(name)) || "true".equals(this.fields.getFirst(name));
	}

	/** A JSON object typed into a box, or null when blank. */
	@SuppressWarnings("unchecked")
	@Nullable Map<String, Object> json(String name, String label, JsonMapper mapper) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		try {
			Object parsed = mapper.readValue(value, Object.class);
			if (parsed instanceof Map<?, ?> map) {
				return new LinkedHashMap<>((Map<String, Object>) map);
			}
		}
		catch (JacksonException ex) {
			// refused below
		}
		throw new BadRequestError(label + " must be a JSON object such as {\"team\": \"search\"}", null, name);
	}

	/**
	 * Puts the value when there is one: the API then changes only what the form filled
	 * in.
	 */
	static void putIfPresent(Map<String, Object> body, String name, @Nullable Object value) {
		if (value != null) {
			body.put(name, value);
		}
	}

}
