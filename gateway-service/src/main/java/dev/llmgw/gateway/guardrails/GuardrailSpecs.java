package dev.llmgw.gateway.guardrails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import org.jspecify.annotations.Nullable;

/**
 * The config's {@code guardrails:} list read into {@link GuardrailSpec}s, each checked so
 * that a guardrail the gateway cannot run stops the start naming it, rather than a
 * request going unguarded.
 */
final class GuardrailSpecs {

	/** The guardrails the gateway runs, by LiteLLM's names. */
	static final Set<String> KINDS = Set.of("bedrock", "litellm_content_filter");

	/** What every guardrail reads of its litellm_params. */
	private static final Set<String> COMMON_PARAMS = Set.of("guardrail", "mode", "default_on", "fail_on_error",
			"timeout");

	/** What each kind reads besides. */
	private static final Map<String, Set<String>> KIND_PARAMS = Map.of("bedrock",
			Set.of("guardrailIdentifier", "guardrailVersion", "aws_region_name", "aws_access_key_id",
					"aws_secret_access_key", "aws_session_token", "aws_role_name", "aws_session_name",
					"aws_profile_name", "aws_bedrock_runtime_endpoint", "aws_sts_endpoint",
					// LiteLLM applies an anonymisation whatever these say, and so does
					// the
					// gateway: accepted, and checked to be booleans
					"mask_request_content", "mask_response_content"),
			"litellm_content_filter", Set.of("patterns", "blocked_words"));

	/** How long one check may take unless {@code timeout} says. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private GuardrailSpecs() {
	}

	static List<GuardrailSpec> parse(List<Map<String, Object>> section) {
		List<GuardrailSpec> specs = new ArrayList<>();
		Set<String> names = new java.util.HashSet<>();
		for (int i = 0; i < section.size(); i++) {
			String path = "guardrails[" + i + "]";
			Map<String, Object> item = section.get(i);
			String name = String.valueOf(item.get("guardrail_name"));
			if (!names.add(name)) {
				throw new ConfigException(path + ".guardrail_name: \"" + name + "\" is defined twice");
			}
			Map<String, Object> params = map(item.get("litellm_params"));
			String kind = (params.get("guardrail") != null) ? String.valueOf(params.get("guardrail")) : null;
			if (kind == null || !KINDS.contains(kind)) {
				throw new ConfigException(path + ".litellm_params.guardrail: expected one of " + KINDS
						+ " (the guardrails the gateway runs), got " + kind);
			}
			Set<GuardrailSpec.Mode> modes = modes(params.get("mode"), kind, path);
			Boolean failOnError = bool(params.get("fail_on_error"), path + ".litellm_params.fail_on_error");
			bool(params.get("mask_request_content"), path + ".litellm_params.mask_request_content");
			bool(params.get("mask_response_content"), path + ".litellm_params.mask_response_content");
			Double timeout = number(params.get("timeout"), path + ".litellm_params.timeout");
			Map<String, Object> info = (item.get("guardrail_info") instanceof Map<?, ?>)
					? map(item.get("guardrail_info")) : null;
			specs.add(new GuardrailSpec(name, kind, modes,
					Boolean.TRUE.equals(bool(params.get("default_on"), path + ".litellm_params.default_on")),
					Boolean.FALSE.equals(failOnError),
					(timeout != null) ? Duration.ofMillis((long) (timeout * 1000)) : DEFAULT_TIMEOUT, params, info));
		}
		return List.copyOf(specs);
	}

	/**
	 * The litellm_params a guardrail has that the gateway does not read (LiteLLM's
	 * {@code disable_exception_on_block}, {@code blocked_words_file},
	 * {@code aws_web_identity_token}, another vendor's settings), for the start-up log to
	 * name: accepted, so that LiteLLM's configs load, but never silently.
	 */
	static List<String> unused(GuardrailSpec spec) {
		Set<String> known = KIND_PARAMS.getOrDefault(spec.kind(), Set.of());
		return spec.params()
			.keySet()
			.stream()
			.filter((key) -> !COMMON_PARAMS.contains(key) && !known.contains(key))
			.sorted()
			.toList();
	}

	/**
	 * The modes, one or a list; none given is {@code pre_call}, LiteLLM's default for the
	 * content filter and the usual one. {@code logging_only} checks nothing before the
	 * caller has the answer, which the gateway does not offer.
	 */
	private static Set<GuardrailSpec.Mode> modes(@Nullable Object value, String kind, String path) {
		List<String> names = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> names.add(String.valueOf(item).toLowerCase(java.util.Locale.ROOT)));
		}
		else if (value != null) {
			names.add(String.valueOf(value).toLowerCase(java.util.Locale.ROOT));
		}
		if (names.isEmpty()) {
			return EnumSet.of(GuardrailSpec.Mode.PRE_CALL);
		}
		Set<GuardrailSpec.Mode> modes = EnumSet.noneOf(GuardrailSpec.Mode.class);
		for (String name : names) {
			GuardrailSpec.Mode mode = GuardrailSpec.Mode.of(name);
			if (mode == null) {
				throw new ConfigException(path + ".litellm_params.mode: the " + kind
						+ " guardrail runs pre_call, during_call or post_call, not " + name);
			}
			modes.add(mode);
		}
		return modes;
	}

	static Map<String, Object> map(@Nullable Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> raw) {
			raw.forEach((key, item) -> map.put(String.valueOf(key), item));
		}
		return map;
	}

	static @Nullable Boolean bool(@Nullable Object value, String path) {
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean flag) {
			return flag;
		}
		String text = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
		if (text.equals("true") || text.equals("false")) {
			return Boolean.valueOf(text);
		}
		throw new ConfigException(path + ": expected boolean, got " + value);
	}

	static @Nullable Double number(@Nullable Object value, String path) {
		if (value == null) {
			return null;
		}
		try {
			double number = (value instanceof Number n) ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
			if (number > 0 && Double.isFinite(number)) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// the error below names the value
		}
		throw new ConfigException(path + ": expected a positive number, got " + value);
	}

	static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value);
		return (text.isBlank() || text.startsWith("os.environ/")) ? null : text;
	}

}
