package dev.llmgw.gateway.guardrails;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * The guardrails a request names, as LiteLLM reads them: {@code "guardrails"} at the top
 * of the body, else in {@code metadata}; a list of names, or a map whose keys are names
 * (LiteLLM's {@code {"name": {"extra_body": ...}}} form).
 */
final class RequestedGuardrails {

	/** The most names a request may give; more is no mistake anyone makes honestly. */
	static final int MAX_NAMES = 32;

	private RequestedGuardrails() {
	}

	static Set<String> names(Map<String, @Nullable Object> fields) {
		Object value = fields.get("guardrails");
		if (value == null && fields.get("metadata") instanceof Map<?, ?> metadata) {
			value = metadata.get("guardrails");
		}
		if (value == null) {
			return Set.of();
		}
		Set<String> names = new LinkedHashSet<>();
		if (value instanceof Collection<?> list) {
			for (Object item : list) {
				if (!(item instanceof String name)) {
					throw invalid();
				}
				names.add(name);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			map.keySet().forEach((name) -> names.add(String.valueOf(name)));
		}
		else {
			throw invalid();
		}
		if (names.size() > MAX_NAMES) {
			throw new BadRequestError("'guardrails' may name at most " + MAX_NAMES + " guardrails", null, "guardrails");
		}
		return names;
	}

	/**
	 * A Converse request's {@code guardrailConfig} (passed on by the middleware, or sent
	 * to the OpenAI interface as is): its {@code guardrailIdentifier} and
	 * {@code guardrailVersion}, or null when the request has none.
	 */
	static @Nullable Map<?, ?> converseConfig(Map<String, @Nullable Object> fields) {
		Object value = fields.get("guardrailConfig");
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> config) || !(config.get("guardrailIdentifier") instanceof String)) {
			throw new BadRequestError("'guardrailConfig' needs a guardrailIdentifier", null, "guardrailConfig");
		}
		return config;
	}

	/** A Converse guardrail no configured Bedrock guardrail answers to. */
	static BadRequestError unknownConverse(Map<?, ?> config) {
		return new BadRequestError("guardrailConfig names Bedrock guardrail '" + config.get("guardrailIdentifier")
				+ "' (version " + config.get("guardrailVersion") + "), which is not configured in the gateway's "
				+ "guardrails; the call was not sent", null, "guardrailConfig");
	}

	static BadRequestError unknown(String name, Collection<String> configured) {
		String shown = (name.length() > 100) ? name.substring(0, 100) + "..." : name;
		return new BadRequestError("Guardrail '" + shown.replace('\0', '\uFFFD')
				+ "' is not configured. Configured guardrails: " + new TreeSet<>(configured), null, "guardrails");
	}

	/**
	 * A guardrail the caller's key or team carries that is not configured: its calls are
	 * refused rather than served without it.
	 */
	static BadRequestError unknownAttached(String name, Collection<String> configured) {
		return new BadRequestError(
				"Guardrail '" + name + "', attached to this key or its team, is not configured, so "
						+ "its calls cannot be guarded. Configured guardrails: " + new TreeSet<>(configured),
				null, "guardrails");
	}

	private static BadRequestError invalid() {
		return new BadRequestError("'guardrails' must be a list of guardrail names", null, "guardrails");
	}

}
