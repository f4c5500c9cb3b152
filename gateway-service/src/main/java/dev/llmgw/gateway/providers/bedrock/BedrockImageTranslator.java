package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ImageCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI image requests to Bedrock InvokeModel bodies and back, for the image families
 * Bedrock serves: Amazon Titan Image Generator and Nova Canvas
 * (https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html),
 * Stability's SD3 and Stable Image models and the older SDXL. Bedrock answers base64
 * images only, so the answer is always {@code b64_json}.
 */
final class BedrockImageTranslator {

	private final JsonMapper mapper;

	BedrockImageTranslator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] body(String modelId, ImageCall call) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (modelId.contains("titan-image") || modelId.contains("nova-canvas")) {
			Map<String, Object> config = new LinkedHashMap<>();
			config.put("numberOfImages", call.count());
			int[] size = size(call.size());
			if (size != null) {
				config.put("width", size[0]);
				config.put("height", size[1]);
			}
			config.put("quality", "hd".equals(call.quality()) ? "premium" : "standard");
			body.put("taskType", "TEXT_IMAGE");
			body.put("textToImageParams", Map.of("text", call.prompt()));
			body.put("imageGenerationConfig", config);
		}
		else if (modelId.contains("stable-diffusion-xl")) {
			body.put("text_prompts", List.of(Map.of("text", call.prompt())));
			int[] size = size(call.size());
			if (size != null) {
				body.put("width", size[0]);
				body.put("height", size[1]);
			}
		}
		else if (modelId.startsWith("stability.") || modelId.contains(".stability.")) {
			body.put("prompt", call.prompt());
			body.put("mode", "text-to-image");
			body.put("output_format", "png");
		}
		else {
			throw new BadRequestError("bedrock model " + modelId + " is not an image model this gateway knows "
					+ "(Titan Image, Nova Canvas, Stability)", null, "model");
		}
		return this.mapper.writeValueAsBytes(body);
	}

	/** The base64 images of one response: {@code images}, or SDXL's {@code artifacts}. */
	List<String> images(byte[] response) {
		JsonNode root = this.mapper.readTree(response);
		List<String> images = new ArrayList<>();
		root.path("images").forEach((image) -> images.add(image.asString()));
		root.path("artifacts").forEach((artifact) -> images.add(artifact.path("base64").asString()));
		return images;
	}

	byte[] openAiBody(List<String> images) {
		List<Map<String, String>> data = new ArrayList<>(images.size());
		images.forEach((image) -> data.add(Map.of("b64_json", image)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("created", System.currentTimeMillis() / 1000);
		body.put("data", data);
		return this.mapper.writeValueAsBytes(body);
	}

	private static int @Nullable [] size(@Nullable String size) {
		if (size == null) {
			return null;
		}
		int x = size.indexOf('x');
		try {
			return new int[] { Integer.parseInt(size.substring(0, x)), Integer.parseInt(size.substring(x + 1)) };
		}
		catch (RuntimeException ex) {
			throw new BadRequestError("Invalid size '" + size + "': expected WIDTHxHEIGHT, e.g. 1024x1024", null,
					"size");
		}
	}

}
