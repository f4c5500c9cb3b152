package dev.llmgw.fake.bedrock;

import dev.llmgw.fake.http.PathSegments;
import org.jspecify.annotations.Nullable;

/**
 * The model of a Bedrock runtime path, {@code /model/{modelId}/{operation}}. Clients
 * percent-encode the id, since ARNs hold slashes and colons and inference-profile ids
 * colons; directive segments come encoded the same way.
 */
final class BedrockPath {

	private static final String MODEL = "/model/";

	private BedrockPath() {
	}

	static boolean matches(String path, String operation) {
		return path.startsWith(MODEL) && path.endsWith("/" + operation)
				&& path.length() > MODEL.length() + operation.length() + 1;
	}

	/**
	 * The decoded model id, directive segments included, or null when the path has none.
	 */
	static @Nullable String modelId(String path) {
		return PathSegments.between(path, MODEL, '/', true);
	}

}
