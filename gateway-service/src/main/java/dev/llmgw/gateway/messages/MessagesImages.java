package dev.llmgw.gateway.messages;

import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;

/**
 * An Anthropic image block as an OpenAI image_url part: a base64 source becomes a data
 * URL, a url source the URL itself.
 */
final class MessagesImages {

	private MessagesImages() {
	}

	static Map<String, Object> toImageUrlPart(Map<?, ?> block) {
		if (!(block.get("source") instanceof Map<?, ?> source)) {
			throw new BadRequestError("messages: an image block needs a source", null, "messages");
		}
		String url = "base64".equals(source.get("type"))
				? "data:" + source.get("media_type") + ";base64," + source.get("data")
				: String.valueOf(source.get("url"));
		return Map.of("type", "image_url", "image_url", Map.of("url", url));
	}

}
