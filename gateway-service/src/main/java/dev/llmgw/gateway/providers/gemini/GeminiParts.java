package dev.llmgw.gateway.providers.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.providers.DataUrl;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatMessage;
import org.jspecify.annotations.Nullable;

/**
 * A user message's OpenAI content parts as Gemini parts
 * (https://ai.google.dev/api/caching#Part): text as text, a {@code data:} image as
 * {@code inlineData}, and an http(s) image as {@code fileData}, whose {@code mimeType}
 * Gemini requires; it comes from the {@code format} field LiteLLM accepts on
 * {@code image_url}, else from the file extension, else the request is refused.
 */
final class GeminiParts {

	private static final Map<String, String> MIME_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg",
			"image/jpeg", "webp", "image/webp", "heic", "image/heic", "heif", "image/heif", "gif", "image/gif", "pdf",
			"application/pdf");

	private GeminiParts() {
	}

	static List<GeminiContent.Part> user(ChatMessage message, int index) {
		if (!(message.content() instanceof List<?> parts)) {
			String text = message.text();
			return text.isEmpty() ? List.of() : List.of(GeminiContent.Part.text(text));
		}
		List<GeminiContent.Part> converted = new ArrayList<>(parts.size());
		for (Object part : parts) {
			if (!(part instanceof Map<?, ?> map)) {
				continue;
			}
			Object type = map.get("type");
			if ("text".equals(type)) {
				if (map.get("text") instanceof String text && !text.isEmpty()) {
					converted.add(GeminiContent.Part.text(text));
				}
			}
			else if ("image_url".equals(type)) {
				converted.add(image(map.get("image_url"), index));
			}
			else {
				throw new BadRequestError("Invalid content part at messages[" + index + "]: gemini takes text and "
						+ "image_url parts, not '" + type + "'", null, "messages");
			}
		}
		return converted;
	}

	private static GeminiContent.Part image(@Nullable Object imageUrl, int index) {
		Object url = (imageUrl instanceof Map<?, ?> map) ? map.get("url") : imageUrl;
		Object format = (imageUrl instanceof Map<?, ?> map) ? map.get("format") : null;
		String text = String.valueOf(url);
		if (DataUrl.isDataUrl(text)) {
			DataUrl data = DataUrl.parse(text);
			if (data == null) {
				throw invalid(index, "a data URL must be base64: data:<mime type>;base64,...");
			}
			return GeminiContent.Part.inline(data.mediaType(), data.base64());
		}
		if (!text.startsWith("https://") && !text.startsWith("http://") && !text.startsWith("gs://")) {
			throw invalid(index, "an image must be a data: URL or an http(s) URL");
		}
		String mimeType = (format != null) ? format.toString() : guessMimeType(text);
		if (mimeType == null) {
			throw invalid(index, "cannot tell the MIME type of " + text + " from its extension; set image_url.format,"
					+ " e.g. \"image/png\", or send the image inline as a data: URL");
		}
		return GeminiContent.Part.file(mimeType, text);
	}

	static @Nullable String guessMimeType(String url) {
		String path = url.replaceFirst("[?#].*$", "");
		int dot = path.lastIndexOf('.');
		if (dot < 0 || dot < path.lastIndexOf('/')) {
			return null;
		}
		return MIME_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	private static BadRequestError invalid(int index, String why) {
		return new BadRequestError("Invalid image at messages[" + index + "]: " + why, null, "messages");
	}

}
