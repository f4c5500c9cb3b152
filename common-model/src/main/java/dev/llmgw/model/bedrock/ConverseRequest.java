package dev.llmgw.model.bedrock;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * The body of Converse and ConverseStream
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax).
 * Only read; fields not named here (requestMetadata, performanceConfig, ...) are ignored.
 *
 * @param messages the conversation
 * @param system system prompts: text blocks
 * @param inferenceConfig length, sampling and stop sequences
 * @param toolConfig the tools and the choice among them
 * @param additionalModelRequestFields model fields passed through, and the middleware's
 * own history switches
 * @param guardrailConfig the guardrail to apply
 * @param promptVariables a managed prompt's variables
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConverseRequest(
		@JsonProperty("messages") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<ConverseMessage> messages,
		@JsonProperty("system") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<ConverseMessage.Block> system,
		@JsonProperty("inferenceConfig") @Nullable InferenceConfig inferenceConfig,
		@JsonProperty("toolConfig") @Nullable ToolConfig toolConfig,
		@JsonProperty("additionalModelRequestFields") @Nullable Map<String, @Nullable Object> additionalModelRequestFields,
		@JsonProperty("guardrailConfig") @Nullable Map<String, @Nullable Object> guardrailConfig,
		@JsonProperty("promptVariables") @Nullable Map<String, @Nullable Object> promptVariables) {

	/**
	 * @param maxTokens the most tokens to generate
	 * @param temperature sampling temperature
	 * @param topP nucleus sampling
	 * @param stopSequences stop sequences
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record InferenceConfig(@JsonProperty("maxTokens") @Nullable Integer maxTokens,
			@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("topP") @Nullable Double topP,
			@JsonProperty("stopSequences") @Nullable List<String> stopSequences) {
	}

	/**
	 * @param tools the tools
	 * @param toolChoice auto, any, or one tool
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolConfig(@JsonProperty("tools") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<Tool> tools,
			@JsonProperty("toolChoice") @Nullable ToolChoice toolChoice) {
	}

	/**
	 * A tool: a specification (cache points and other members are left out).
	 *
	 * @param toolSpec the tool's name, description and input schema
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Tool(@JsonProperty("toolSpec") @Nullable ToolSpec toolSpec) {
	}

	/**
	 * @param name the tool's name
	 * @param description what it does
	 * @param inputSchema its input, a JSON schema under {@code json}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolSpec(@JsonProperty("name") @Nullable String name,
			@JsonProperty("description") @Nullable String description,
			@JsonProperty("inputSchema") @Nullable Map<String, @Nullable Object> inputSchema) {
	}

	/**
	 * A union in which one member is set.
	 *
	 * @param auto the model decides
	 * @param any the model calls some tool
	 * @param tool the model calls this tool ({@code name})
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record ToolChoice(@JsonProperty("auto") @Nullable Map<String, @Nullable Object> auto,
			@JsonProperty("any") @Nullable Map<String, @Nullable Object> any,
			@JsonProperty("tool") @Nullable Map<String, @Nullable Object> tool) {
	}

}
