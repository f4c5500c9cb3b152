package dev.llmgw.gateway.config;

/**
 * One entry of {@code model_list}.
 *
 * @param modelName the public name clients send; entries sharing it form a model group
 * @param params how to call the provider
 * @param modelInfo metadata and prices
 * @param index position in model_list, for messages
 */
public record DeploymentConfig(String modelName, LitellmParams params, ModelInfo modelInfo, int index) {

	public boolean isWildcard() {
		return this.modelName.contains("*");
	}

}
