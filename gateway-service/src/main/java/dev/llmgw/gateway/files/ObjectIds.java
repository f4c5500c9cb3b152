package dev.llmgw.gateway.files;

import dev.llmgw.gateway.error.BadRequestError;

/**
 * File and batch ids as the caller or a provider gives them, checked before they reach a
 * query, a provider URL or a message: at most 255 letters, digits, {@code _}, {@code -}
 * and {@code .}.
 */
final class ObjectIds {

	private ObjectIds() {
	}

	static String check(String field, String id) {
		if (!fits(id)) {
			throw new BadRequestError(
					"Invalid '" + field + "': an id is at most 255 letters, digits, '_', '-' and " + "'.'.", null,
					field);
		}
		return id;
	}

	/** Whether an id is one the gateway records and sends on. */
	static boolean fits(String id) {
		boolean fits = !id.isEmpty() && id.length() <= 255;
		for (int i = 0; fits && i < id.length(); i++) {
			char c = id.charAt(i);
			fits = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
					|| c == '.';
		}
		return fits;
	}

}
