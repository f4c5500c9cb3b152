package dev.llmgw.gateway.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * What of a deployment's litellm_params may be shown. As LiteLLM's
 * remove_sensitive_info_from_deployment: credentials are removed outright, and any other
 * value whose name has a sensitive word as one of its parts (api-key, x_auth_token, ...)
 * is masked, nested maps such as extra_headers included. An {@code os.environ/NAME}
 * reference is shown as it is: it names a variable, not its value.
 */
public final class SecretMasking {

	private static final Set<String> REMOVED = Set.of("api_key", "client_secret", "vertex_credentials",
			"vertex_ai_credentials", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
			"azure_ad_token");

	/** LiteLLM's SensitiveDataMasker patterns, plus the header names that carry keys. */
	private static final Set<String> SENSITIVE = Set.of("password", "secret", "key", "token", "auth", "authorization",
			"credential", "credentials", "access", "private", "certificate", "signature");

	private SecretMasking() {
	}

	public static Map<String, Object> litellmParams(Map<String, ?> params) {
		Map<String, Object> shown = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (!REMOVED.contains(name) && value != null) {
				shown.put(name, shown(name, value));
			}
		});
		return shown;
	}

	private static Object shown(String name, Object value) {
		if (value instanceof Map<?, ?> nested) {
			Map<String, Object> copy = new LinkedHashMap<>();
			nested.forEach((key, inner) -> {
				if (inner != null) {
					copy.put(String.valueOf(key), shown(String.valueOf(key), inner));
				}
			});
			return copy;
		}
		return isSensitive(name) ? mask(value) : value;
	}

	/**
	 * Whether a litellm_params value by this name is a credential or otherwise secret.
	 */
	static boolean isSecret(String name) {
		return REMOVED.contains(name) || isSensitive(name);
	}

	static boolean isSensitive(String name) {
		for (String part : name.toLowerCase().split("[-_.]")) {
			if (SENSITIVE.contains(part)) {
				return true;
			}
		}
		return false;
	}

	private static Object mask(@Nullable Object value) {
		String text = String.valueOf(value);
		if (EnvironmentLookup.referencedVariable(text) != null) {
			return text;
		}
		// a short secret is hidden whole; a long one keeps two characters each end,
		// enough
		// to tell keys apart and too few to help guess one
		return (text.length() < 12) ? "****" : text.substring(0, 2) + "****" + text.substring(text.length() - 2);
	}

}
