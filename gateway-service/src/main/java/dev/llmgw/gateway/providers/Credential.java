package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;

/**
 * A deployment's provider key, or the name of the variable that should have held it.
 * Never printed: toString shows only whether a key is present.
 *
 * @param key the key, null when absent
 * @param missingVariable the unset variable that should hold it, null when the key is
 * present or optional
 */
public record Credential(@Nullable String key, @Nullable String missingVariable) {

	public static final Credential NONE = new Credential(null, null);

	public static Credential of(String key) {
		return new Credential(key, null);
	}

	public static Credential missing(String variable) {
		return new Credential(null, variable);
	}

	@Override
	public String toString() {
		return (this.key != null) ? "Credential[present]" : "Credential[absent]";
	}

}
