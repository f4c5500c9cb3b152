package dev.llmgw.fake.sagemaker;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a Text Generation Inference request, {@code {"inputs", "parameters"}},
 * that shape the fake's answer; the prompt comes already templated by the client.
 *
 * @param inputs the prompt
 * @param maxNewTokens {@code parameters.max_new_tokens}, 0 when not given
 * @param stop {@code parameters.stop}
 * @param returnFullText {@code parameters.return_full_text}: whether the prompt leads
 * {@code generated_text}
 * @param details {@code parameters.details}: whether to report the finish reason and the
 * tokens
 * @see <a href=
 * "https://huggingface.github.io/text-generation-inference/#/Text%20Generation%20Inference/generate">TGI
 * generate</a>
 */
record TgiRequest(String inputs, int maxNewTokens, List<String> stop, boolean returnFullText, boolean details) {

	/**
	 * What TGI answers, with its 422, to a request it refuses before generating, or null
	 * for a valid one; the checks are the ones clients trip over (LiteLLM, for one,
	 * raises a zero temperature to 0.01 because of the second).
	 */
	static @Nullable String invalid(JsonNode body) {
		if (!body.path("inputs").isString()) {
			return "Failed to deserialize the JSON body into the target type: inputs: invalid type, expected a string";
		}
		JsonNode parameters = body.path("parameters");
		JsonNode maxNewTokens = parameters.path("max_new_tokens");
		if (maxNewTokens.isNumber() && maxNewTokens.asInt() <= 0) {
			return "Input validation error: `max_new_tokens` must be strictly positive";
		}
		JsonNode temperature = parameters.path("temperature");
		if (temperature.isNumber() && temperature.asDouble() <= 0) {
			return "Input validation error: `temperature` must be strictly positive";
		}
		JsonNode topP = parameters.path("top_p");
		if (topP.isNumber() && (topP.asDouble() <= 0 || topP.asDouble() >= 1)) {
			return "Input validation error: `top_p` must be > 0.0 and < 1.0";
		}
		return null;
	}

	static TgiRequest from(JsonNode body) {
		JsonNode parameters = body.path("parameters");
		List<String> stop = new ArrayList<>();
		for (JsonNode sequence : parameters.path("stop")) {
			stop.add(sequence.asString(""));
		}
		return new TgiRequest(body.path("inputs").asString(""), parameters.path("max_new_tokens").asInt(0), stop,
				parameters.path("return_full_text").asBoolean(false), parameters.path("details").asBoolean(false));
	}

}
