package dev.llmgw.gateway.providers.anthropic;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.DataUrl;
import dev.llmgw.model.anthropic.ContentBlock;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI {@code image_url} part as an Anthropic image block: a data URL becomes a
 * base64 source, an http(s) URL a url source
 * (https://docs.anthropic.com/en/docs/build-with-claude/vision).
 */
final class AnthropicImages {

	private AnthropicImages() {
	}

	static ContentBlock block(@Nullable Object imageUrl, int index) {
		Object url = (imageUrl instanceof Map<?, ?> map) ? map.get("url") : imageUrl;
		String text = String.valueOf(url);
		Map<String, @Nullable Object> source = new LinkedHashMap<>();
		if (DataUrl.isDataUrl(text)) {
			DataUrl data = DataUrl.parse(text);
			if (data == null) {
				throw new BadRequestError("Invalid image at messages[" + index + "]: a data URL must be base64", null,
						"messages");
			}
			source.put("type", "base64");
			source.put("media_type", data.mediaType());
			source.put("data", data.base64());
		}
		else if (text.startsWith("http://") || text.startsWith("https://")) {
			source.put("type", "url");
			source.put("url", text);
		}
		else {
			throw new BadRequestError("Invalid image at messages[" + index + "]: expected a data: or http(s) URL", null,
					"messages");
		}
		return ContentBlock.image(source);
	}

}
