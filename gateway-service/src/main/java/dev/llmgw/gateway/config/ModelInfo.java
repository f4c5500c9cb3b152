package dev.llmgw.gateway.config;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code model_info} of one deployment: metadata and price overrides. LiteLLM treats the
 * section as free-form, so unknown keys are kept in {@link #other} without a warning.
 *
 * @param id stable deployment id
 * @param mode chat, embedding, image_generation or completion
 * @param inputCostPerToken price of an input token, overriding the bundled price map
 * @param outputCostPerToken price of an output token
 * @param maxInputTokens context window for pre-call checks
 * @param maxOutputTokens output cap
 * @param baseModel the model whose prices and limits apply
 * @param other every other key
 */
public record ModelInfo(@Nullable String id, @Nullable String mode, @Nullable Double inputCostPerToken,
		@Nullable Double outputCostPerToken, @Nullable Integer maxInputTokens, @Nullable Integer maxOutputTokens,
		@Nullable String baseModel, Map<String, Object> other) {

	public static final ModelInfo EMPTY = new ModelInfo(null, null, null, null, null, null, null, Map.of());

	/** The same with this base model, whose prices and limits apply. */
	public ModelInfo withBaseModel(String model) {
		return new ModelInfo(this.id, this.mode, this.inputCostPerToken, this.outputCostPerToken, this.maxInputTokens,
				this.maxOutputTokens, model, this.other);
	}

}
