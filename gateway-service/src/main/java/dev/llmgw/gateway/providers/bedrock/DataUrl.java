package dev.llmgw.gateway.providers.bedrock;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;

/**
 * An inline image as OpenAI clients send it, {@code data:image/png;base64,...}.
 *
 * @param format the image format Converse names
 * @param base64 the encoded bytes
 */
record DataUrl(ImageFormat format, String base64) {

	static @Nullable DataUrl parse(String url) {
		if (!url.startsWith("data:image/")) {
			return null;
		}
		int semicolon = url.indexOf(";base64,");
		if (semicolon < 0) {
			return null;
		}
		String type = url.substring("data:image/".length(), semicolon);
		ImageFormat format = ImageFormat.fromValue("jpg".equals(type) ? "jpeg" : type);
		if (format == ImageFormat.UNKNOWN_TO_SDK_VERSION) {
			return null;
		}
		return new DataUrl(format, url.substring(semicolon + ";base64,".length()));
	}

}
