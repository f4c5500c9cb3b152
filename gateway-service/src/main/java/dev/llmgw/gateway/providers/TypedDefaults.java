package dev.llmgw.gateway.providers;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.ResponseFormat;
import dev.llmgw.model.openai.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A deployment's default {@code tools}, {@code tool_choice} and {@code response_format}
 * (set in its litellm_params, as LiteLLM allows any parameter there), read into the
 * request's typed fields where the caller set none, so translators read one place.
 */
public final class TypedDefaults {

	/** The parameters this class fills; other defaults are each translator's. */
	public static final Set<String> NAMES = Set.of("tools", "tool_choice", "response_format");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<List<ChatTool>> TOOLS = new TypeReference<>() {
	};

	private TypedDefaults() {
	}

	/**
	 * Refuses a config.yaml deployment whose defaults would fail every call.
	 * @param defaults the deployment's litellm_params defaults
	 * @param path where the deployment is, e.g. {@code model_list[3].litellm_params}
	 * @throws ConfigException naming the path and what is wrong
	 */
	public static void check(Map<String, Object> defaults, String path) {
		try {
			read(defaults);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new ConfigException(path + ": tools, tool_choice or response_format is not valid: "
					+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()));
		}
	}

	public static ChatCompletionRequest apply(ChatCompletionRequest request, Deployment deployment) {
		Map<String, Object> defaults = deployment.defaults();
		if (defaults.isEmpty() || !(defaults.containsKey("tools") || defaults.containsKey("tool_choice")
				|| defaults.containsKey("response_format"))) {
			return request;
		}
		Typed typed;
		try {
			typed = read(defaults);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new BadRequestError("The default tools, tool_choice or response_format of model "
					+ deployment.modelName() + " (its litellm_params) are not valid: " + ex.getMessage(), null,
					"model");
		}
		return request.withTools((request.tools() != null) ? request.tools() : typed.tools(),
				(request.toolChoice() != null) ? request.toolChoice() : typed.choice(),
				(request.responseFormat() != null) ? request.responseFormat() : typed.format());
	}

	/** The three defaults read as the caller's would be; each null when not set. */
	private static Typed read(Map<String, Object> defaults) {
		Object tools = defaults.get("tools");
		Object choice = defaults.get("tool_choice");
		Object format = defaults.get("response_format");
		return new Typed((tools != null) ? MAPPER.convertValue(tools, TOOLS) : null,
				(choice != null) ? ToolChoice.of(choice) : null,
				(format != null) ? MAPPER.convertValue(format, ResponseFormat.class) : null);
	}

	private record Typed(@Nullable List<ChatTool> tools, @Nullable ToolChoice choice, @Nullable ResponseFormat format) {

	}

}
