package dev.llmgw.gateway.cache;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.digest.Digests;
import dev.llmgw.gateway.providers.ParamSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Cache keys: the SHA-256 of what changes an answer, written canonically, so that the
 * same question asked with its fields in another order, with {@code 0.5} as {@code 0.50},
 * or with a one-part text content as that text, finds the same entry. A default spelled
 * out ({@code "temperature": 1}) is not the same question as the field left out: a
 * deployment's own {@code litellm_params} fill fields left out, with values other than
 * OpenAI's defaults. In it: the model group (never the deployment, so every deployment of
 * a group shares its entries, as in LiteLLM), the messages and every parameter that
 * reaches the provider, and the scope when entries are not shared. Never in it: the
 * caller's key, the end user ({@code user}), {@code metadata} and the gateway's own
 * controls, nor {@code stream}: a streamed answer and a whole one share an entry.
 */
final class CacheKeys {

	/**
	 * Request fields that do not change the answer: who asks, how it is delivered, and
	 * what steers the gateway. {@code mock_response} stays in: it is the answer.
	 */
	private static final Set<String> IGNORED = ignored();

	/**
	 * How many recent requests' hashes are remembered, and the largest prompt whose
	 * request is (each remembered request is held, so together they stay under 4 MB).
	 */
	static final int REMEMBERED = 512;

	static final long REMEMBERED_MAX_CHARS = 8_192;

	private final JsonMapper mapper;

	/**
	 * Hashes of recent requests by the requests themselves: a repeated question (what a
	 * cache is for) is compared field by field with the one remembered, which costs far
	 * less than writing it out canonically and hashing it again (a twentieth of a hit's
	 * time). Requests are records of records, lists, maps and strings, equal by value,
	 * and are not changed once a call is admitted
	 * ({@link dev.llmgw.gateway.engine.ModelCall}).
	 */
	private final Map<Remembered, String> remembered = new ConcurrentHashMap<>();

	CacheKeys(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * {@link #hash} of a whole request (not an embedding's single input), remembered for
	 * small prompts.
	 * @param promptChars the prompt's size: a larger request is hashed, not held
	 */
	String requestHash(String kind, String modelGroup, @Nullable String scope, Object request, long promptChars) {
		if (promptChars > REMEMBERED_MAX_CHARS) {
			return hash(kind, modelGroup, scope, request, null);
		}
		Remembered asked = new Remembered(kind, modelGroup, scope, request);
		String known = this.remembered.get(asked);
		if (known != null) {
			return known;
		}
		String hash = hash(kind, modelGroup, scope, request, null);
		if (this.remembered.size() >= REMEMBERED) {
			// a crowd of different questions: start again rather than keep an order
			this.remembered.clear();
		}
		this.remembered.put(asked, hash);
		return hash;
	}

	/**
	 * @param kind {@code chat} or {@code embedding}: the two never share an entry
	 * @param modelGroup the model group asked for
	 * @param scope who may share the entry; null when everyone may
	 * @param request the request in OpenAI form
	 * @param input for an embedding, the one input this key is for (it replaces the
	 * request's {@code input})
	 * @return the key's hash, 64 hex digits
	 */
	String hash(String kind, String modelGroup, @Nullable String scope, Object request, @Nullable JsonNode input) {
		JsonNode tree = this.mapper.valueToTree(request);
		StringBuilder text = new StringBuilder(256);
		text.append(kind).append('\n').append(modelGroup.length()).append(':').append(modelGroup).append('\n');
		if (scope != null) {
			text.append(scope.length()).append(':').append(scope);
		}
		text.append('\n');
		if (tree instanceof ObjectNode kept) {
			// the tree is this call's own copy: trimmed in place
			kept.remove("model");
			kept.remove("input");
			for (String ignored : IGNORED) {
				kept.remove(ignored);
			}
			canonical(kept, text);
		}
		if (input != null) {
			text.append('\n');
			canonical(input, text);
		}
		return Digests.sha256Hex(text.toString());
	}

	/**
	 * The key as callers see it in {@code x-litellm-cache-key} and pass to
	 * {@code /cache/delete}: the hash under its namespace, as LiteLLM writes it.
	 */
	static String key(@Nullable String namespace, String hash) {
		return (namespace != null) ? namespace + ":" + hash : hash;
	}

	/**
	 * Writes a value with object keys sorted, nulls left out, numbers in one spelling, a
	 * message's content given as one text part written as that text, and every string
	 * quoted and escaped so that no two values write the same.
	 */
	private static void canonical(JsonNode node, StringBuilder out) {
		if (node.isObject()) {
			List<String> names = new ArrayList<>(node.propertyNames());
			names.sort(null);
			out.append('{');
			boolean first = true;
			for (String name : names) {
				JsonNode value = node.get(name);
				if (value == null || value.isNull() || value.isMissingNode()) {
					continue;
				}
				if (!first) {
					out.append(',');
				}
				first = false;
				quote(name, out);
				out.append(':');
				if ("content".equals(name)) {
					value = oneTextPart(value);
				}
				canonical(value, out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				canonical(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			BigDecimal number = node.decimalValue().stripTrailingZeros();
			out.append((number.signum() == 0) ? "0" : number.toPlainString());
		}
		else if (node.isString()) {
			quote(node.asString(), out);
		}
		else {
			out.append(node.asString());
		}
	}

	/** {@code [{"type":"text","text":"hi"}]} asks what {@code "hi"} asks. */
	private static JsonNode oneTextPart(JsonNode content) {
		if (content.isArray() && content.size() == 1) {
			JsonNode part = content.get(0);
			JsonNode text = part.get("text");
			if (part.isObject() && part.size() == 2 && text != null && text.isString()
					&& "text".equals(part.path("type").asString())) {
				return text;
			}
		}
		return content;
	}

	private static void quote(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append("\\u").append(String.format("%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

	private record Remembered(String kind, String modelGroup, @Nullable String scope, Object request) {

	}

	private static Set<String> ignored() {
		Set<String> fields = new java.util.HashSet<>(ParamSupport.GATEWAY_ONLY_FIELDS);
		fields.remove("mock_response");
		fields.addAll(Set.of("stream", "stream_options", "user"));
		return Set.copyOf(fields);
	}

}
