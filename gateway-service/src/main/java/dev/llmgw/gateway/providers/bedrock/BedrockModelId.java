package dev.llmgw.gateway.providers.bedrock;

import dev.llmgw.gateway.providers.Deployment;

/**
 * The model id sent to Bedrock: LiteLLM's route markers ({@code bedrock/converse/...},
 * {@code bedrock/invoke/...}) are not part of it; inference profile ids
 * ({@code us.anthropic...}) and ARNs pass as they are.
 */
final class BedrockModelId {

	private BedrockModelId() {
	}

	static String of(Deployment deployment) {
		String model = deployment.providerModel();
		for (String route : new String[] { "converse/", "invoke/", "converse_like/" }) {
			if (model.startsWith(route)) {
				return model.substring(route.length());
			}
		}
		return model;
	}

}
