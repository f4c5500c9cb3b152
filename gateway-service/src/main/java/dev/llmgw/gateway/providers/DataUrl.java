package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;

/**
 * An inline file as OpenAI clients send images, {@code data:<media type>;base64,<data>}
 * (RFC 2397), which each provider wants taken apart its own way.
 *
 * @param mediaType e.g. {@code image/png}
 * @param base64 the encoded bytes
 */
public record DataUrl(String mediaType, String base64) {

	private static final String SCHEME = "data:";

	private static final String MARKER = ";base64,";

	public static boolean isDataUrl(String url) {
		return url.startsWith(SCHEME);
	}

	/**
	 * @param url an image URL
	 * @return its parts, or null when it is not a base64 data URL
	 */
	public static @Nullable DataUrl parse(String url) {
		if (!isDataUrl(url)) {
			return null;
		}
		int marker = url.indexOf(MARKER);
		return (marker < 0) ? null
				: new DataUrl(url.substring(SCHEME.length(), marker), url.substring(marker + MARKER.length()));
	}

}
