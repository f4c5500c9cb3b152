package dev.llmgw.gateway.providers.bedrock;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;

/**
 * A translated chat call, ready to become either a Converse or a ConverseStream request
 * (the SDK has a builder for each with the same fields).
 *
 * @param modelId the model or inference profile id
 * @param messages the conversation, roles alternating, user first
 * @param system system prompts
 * @param inference max tokens, temperature, top p, stop sequences
 * @param tools tool configuration, or null without tools
 * @param additionalFields model-specific fields, or null
 * @param guardrail guardrailConfig of the deployment (identifier, version, trace), or
 * null
 */
record ConverseInput(String modelId, List<Message> messages, List<SystemContentBlock> system,
		InferenceConfiguration inference, @Nullable ToolConfiguration tools, @Nullable Document additionalFields,
		@Nullable Map<?, ?> guardrail) {

	ConverseRequest toRequest() {
		ConverseRequest.Builder builder = ConverseRequest.builder()
			.modelId(this.modelId)
			.messages(this.messages)
			.inferenceConfig(this.inference);
		if (!this.system.isEmpty()) {
			builder.system(this.system);
		}
		if (this.tools != null) {
			builder.toolConfig(this.tools);
		}
		if (this.additionalFields != null) {
			builder.additionalModelRequestFields(this.additionalFields);
		}
		if (this.guardrail != null) {
			builder.guardrailConfig(GuardrailConfiguration.builder()
				.guardrailIdentifier(text(this.guardrail.get("guardrailIdentifier")))
				.guardrailVersion(text(this.guardrail.get("guardrailVersion")))
				.trace(text(this.guardrail.get("trace")))
				.build());
		}
		return builder.build();
	}

	ConverseStreamRequest toStreamRequest() {
		ConverseStreamRequest.Builder builder = ConverseStreamRequest.builder()
			.modelId(this.modelId)
			.messages(this.messages)
			.inferenceConfig(this.inference);
		if (!this.system.isEmpty()) {
			builder.system(this.system);
		}
		if (this.tools != null) {
			builder.toolConfig(this.tools);
		}
		if (this.additionalFields != null) {
			builder.additionalModelRequestFields(this.additionalFields);
		}
		if (this.guardrail != null) {
			builder.guardrailConfig(GuardrailStreamConfiguration.builder()
				.guardrailIdentifier(text(this.guardrail.get("guardrailIdentifier")))
				.guardrailVersion(text(this.guardrail.get("guardrailVersion")))
				.trace(text(this.guardrail.get("trace")))
				.build());
		}
		return builder.build();
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

}
