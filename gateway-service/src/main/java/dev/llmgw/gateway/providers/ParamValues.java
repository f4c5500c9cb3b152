package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;

/**
 * Numbers of an OpenAI parameter (top_p, top_k, seed, penalties) as a typed provider body
 * takes them. The caller sends numbers; a deployment's default from config.yaml may be
 * the number's text; anything else is the caller's 400 naming the parameter.
 */
public final class ParamValues {

	private ParamValues() {
	}

	public static @Nullable Double decimal(@Nullable Object value, String name) {
		if (value == null || (value instanceof String text && text.isBlank())) {
			// a config.yaml default left empty: none
			return null;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof String text && !text.isBlank()) {
			try {
				return Double.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				// refused below
			}
		}
		throw new BadRequestError("Invalid type for '" + name + "': expected a number", null, name);
	}

	/** An integer; a fraction is cut, as the providers' own SDKs cut it. */
	public static @Nullable Integer integer(@Nullable Object value, String name) {
		Double number = decimal(value, name);
		if (number == null) {
			return null;
		}
		if (Math.abs(number) > Integer.MAX_VALUE) {
			throw new BadRequestError("Invalid value for '" + name + "': out of range", null, name);
		}
		return number.intValue();
	}

}
