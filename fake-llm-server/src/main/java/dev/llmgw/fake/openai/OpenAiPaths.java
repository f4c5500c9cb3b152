package dev.llmgw.fake.openai;

import dev.llmgw.fake.http.PathSegments;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Which model a request names: Azure OpenAI names the deployment in the path
 * ({@code /openai/deployments/{deployment}/chat/completions}), where it wins over any
 * {@code model} in the body, as Azure routes by deployment alone.
 */
final class OpenAiPaths {

	static final String DEFAULT_MODEL = "fake-model";

	private static final String DEPLOYMENTS = "/deployments/";

	private OpenAiPaths() {
	}

	static String model(JsonNode body, String path) {
		String deployment = deployment(path);
		if (deployment != null) {
			return deployment;
		}
		JsonNode model = body.path("model");
		return model.isString() ? model.stringValue() : DEFAULT_MODEL;
	}

	/**
	 * The percent-decoded deployment name, or null when the path names none.
	 */
	static @Nullable String deployment(String path) {
		int start = path.indexOf(DEPLOYMENTS);
		if (start < 0) {
			return null;
		}
		start += DEPLOYMENTS.length();
		int end = path.indexOf('/', start);
		return (end > start) ? PathSegments.decode(path.substring(start, end)) : null;
	}

}
