package dev.llmgw.fake.openai;

/**
 * What the request path says about the model: Azure OpenAI names the deployment in the
 * path ({@code /openai/deployments/{deployment}/chat/completions}) and may omit
 * {@code model} from the body.
 */
final class OpenAiPaths {

	static final String DEFAULT_MODEL = "fake-model";

	private static final String DEPLOYMENTS = "/deployments/";

	private OpenAiPaths() {
	}

	static String defaultModel(String path) {
		int start = path.indexOf(DEPLOYMENTS);
		if (start < 0) {
			return DEFAULT_MODEL;
		}
		start += DEPLOYMENTS.length();
		int end = path.indexOf('/', start);
		return (end > start) ? path.substring(start, end) : DEFAULT_MODEL;
	}

}
