package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.DataUrl;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.ParamSupport;
import dev.llmgw.gateway.providers.ResponseFormatTool;
import dev.llmgw.gateway.providers.ToolCallIds;
import dev.llmgw.gateway.providers.TypedDefaults;
import dev.llmgw.model.openai.ChatCompletionRequest;
import dev.llmgw.model.openai.ChatMessage;
import dev.llmgw.model.openai.ChatTool;
import dev.llmgw.model.openai.FunctionDefinition;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * OpenAI chat request to a Bedrock Converse request
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html):
 * system and developer messages become system blocks, tool messages become tool results
 * in a user turn, consecutive turns of one role are merged because Converse requires them
 * to alternate, and a conversation that opens with the assistant gets a placeholder user
 * turn first, as LiteLLM does.
 */
final class OpenAiToConverseTranslator {

	static final ParamSupport PARAMS = new ParamSupport("bedrock", Set.of("tools", "tool_choice", "stop", "top_p",
			"top_k", "additionalModelRequestFields", "response_format"));

	private static final String PLACEHOLDER_USER_TEXT = ".";

	ConverseInput translate(ChatCompletionRequest given, Deployment deployment) {
		ChatCompletionRequest request = TypedDefaults.apply(given, deployment);
		PARAMS.check(request, deployment);
		boolean structured = structuredOutput(request, deployment);
		Map<String, Object> defaults = deployment.defaults();
		List<SystemContentBlock> system = new ArrayList<>();
		List<Message> messages = new ArrayList<>();
		List<ChatMessage> chat = request.messages();
		for (int i = 0; chat != null && i < chat.size(); i++) {
			add(chat.get(i), i, system, messages);
		}
		if (!messages.isEmpty() && messages.get(0).role() != ConversationRole.USER) {
			messages.add(0, message(ConversationRole.USER, List.of(ContentBlock.fromText(PLACEHOLDER_USER_TEXT))));
		}
		return new ConverseInput(BedrockModelId.of(deployment), messages, system, inference(request, defaults),
				tools(request, structured), additionalFields(request, defaults),
				(deployment.params().providerSettings().get("guardrailConfig") instanceof Map<?, ?> guardrail)
						? guardrail : null);
	}

	private static void add(ChatMessage message, int index, List<SystemContentBlock> system, List<Message> messages) {
		String role = String.valueOf(message.role());
		switch (role) {
			case "system", "developer" -> {
				String text = message.text();
				if (!text.isEmpty()) {
					system.add(SystemContentBlock.fromText(text));
				}
			}
			case "user" -> append(messages, ConversationRole.USER, userBlocks(message, index));
			case "assistant" -> append(messages, ConversationRole.ASSISTANT, assistantBlocks(message));
			case "tool", "function" -> append(messages, ConversationRole.USER, List.of(toolResult(message, index)));
			default -> throw new BadRequestError(
					"Invalid message at messages[" + index + "]: unknown role '" + role + "'", null, "messages");
		}
	}

	private static void append(List<Message> messages, ConversationRole role, List<ContentBlock> blocks) {
		if (blocks.isEmpty()) {
			return;
		}
		int last = messages.size() - 1;
		if (last >= 0 && messages.get(last).role() == role) {
			List<ContentBlock> merged = new ArrayList<>(messages.get(last).content());
			merged.addAll(blocks);
			messages.set(last, message(role, merged));
		}
		else {
			messages.add(message(role, blocks));
		}
	}

	private static Message message(ConversationRole role, List<ContentBlock> blocks) {
		return Message.builder().role(role).content(blocks).build();
	}

	private static List<ContentBlock> userBlocks(ChatMessage message, int index) {
		if (!(message.content() instanceof List<?> parts)) {
			String text = message.text();
			return text.isEmpty() ? List.of() : List.of(ContentBlock.fromText(text));
		}
		List<ContentBlock> blocks = new ArrayList<>(parts.size());
		for (Object part : parts) {
			if (!(part instanceof Map<?, ?> map)) {
				continue;
			}
			Object type = map.get("type");
			if ("text".equals(type) && map.get("text") instanceof String text && !text.isEmpty()) {
				blocks.add(ContentBlock.fromText(text));
			}
			else if ("image_url".equals(type)) {
				blocks.add(ContentBlock.fromImage(image(map.get("image_url"), index)));
			}
		}
		return blocks;
	}

	private static ImageBlock image(@Nullable Object imageUrl, int index) {
		Object url = (imageUrl instanceof Map<?, ?> map) ? map.get("url") : imageUrl;
		DataUrl data = DataUrl.parse(String.valueOf(url));
		ImageFormat format = (data != null) ? format(data.mediaType()) : null;
		if (data == null || format == null) {
			throw new BadRequestError(
					"Invalid image at messages[" + index
							+ "]: bedrock takes images inline, as data:image/<png|jpeg|gif|webp>;base64,... URLs",
					null, "messages");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(data.base64());
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestError("Invalid image at messages[" + index + "]: the data URL is not valid base64",
					null, "messages");
		}
		return ImageBlock.builder().format(format).source(ImageSource.fromBytes(SdkBytes.fromByteArray(bytes))).build();
	}

	/** Converse's image format for a media type: png, jpeg, gif or webp. */
	private static @Nullable ImageFormat format(String mediaType) {
		if (!mediaType.startsWith("image/")) {
			return null;
		}
		String type = mediaType.substring("image/".length());
		ImageFormat format = ImageFormat.fromValue("jpg".equals(type) ? "jpeg" : type);
		return (format == ImageFormat.UNKNOWN_TO_SDK_VERSION) ? null : format;
	}

	private static List<ContentBlock> assistantBlocks(ChatMessage message) {
		List<ContentBlock> blocks = new ArrayList<>();
		String text = message.text();
		if (!text.isBlank()) {
			blocks.add(ContentBlock.fromText(text));
		}
		if (message.extra().get("tool_calls") instanceof List<?> calls) {
			for (Object call : calls) {
				if (call instanceof Map<?, ?> map && map.get("function") instanceof Map<?, ?> function) {
					blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder()
						.toolUseId(ToolCallIds.withoutThoughtSignature(map.get("id")))
						.name(String.valueOf(function.get("name")))
						.input(Documents.from(ToolArguments.parse(function.get("arguments"))))
						.build()));
				}
			}
		}
		return blocks;
	}

	private static ContentBlock toolResult(ChatMessage message, int index) {
		Object id = message.extra().get("tool_call_id");
		if (id == null) {
			throw new BadRequestError("Invalid message at messages[" + index + "]: a tool message needs tool_call_id",
					null, "messages");
		}
		return ContentBlock.fromToolResult(ToolResultBlock.builder()
			.toolUseId(ToolCallIds.withoutThoughtSignature(id))
			.content(ToolResultContentBlock.fromText(message.text().isEmpty() ? "." : message.text()))
			.build());
	}

	private static InferenceConfiguration inference(ChatCompletionRequest request, Map<String, Object> defaults) {
		InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
		Integer maxTokens = (request.maxCompletionTokens() != null) ? request.maxCompletionTokens()
				: request.maxTokens();
		Number maxDefault = number(defaults.get("max_tokens"));
		if (maxTokens == null && maxDefault != null) {
			maxTokens = maxDefault.intValue();
		}
		builder.maxTokens(maxTokens);
		Number temperature = (request.temperature() != null) ? request.temperature()
				: number(defaults.get("temperature"));
		if (temperature != null) {
			builder.temperature(temperature.floatValue());
		}
		Number topP = number(request.extra().getOrDefault("top_p", defaults.get("top_p")));
		if (topP != null) {
			builder.topP(topP.floatValue());
		}
		Object stop = request.extra().getOrDefault("stop", defaults.get("stop"));
		if (stop instanceof String one) {
			builder.stopSequences(one);
		}
		else if (stop instanceof List<?> many) {
			builder.stopSequences(many.stream().map(String::valueOf).toList());
		}
		return builder.build();
	}

	/**
	 * The request's tools, and a JSON-schema {@code response_format} as one more tool the
	 * model must call (Converse has no structured-output switch).
	 */
	/**
	 * Whether a response_format is answered through a forced tool. Only model families
	 * that take a specific tool choice can (Claude, Nova); for others response_format is
	 * refused by name, or dropped with drop_params, as before Converse could carry it.
	 */
	private static boolean structuredOutput(ChatCompletionRequest request, Deployment deployment) {
		if (request.responseFormat() == null || request.responseFormat().schema() == null) {
			return false;
		}
		String model = deployment.providerModel();
		if (model.contains("anthropic.") || model.contains("claude") || model.contains("amazon.nova")) {
			return true;
		}
		if (deployment.dropParams()) {
			return false;
		}
		throw new BadRequestError("litellm.UnsupportedParamsError: bedrock does not support parameters: "
				+ "[response_format], for model=" + model + " (it cannot be made to call a given tool). To drop "
				+ "it, set `drop_params: true` in the deployment's litellm_params or in litellm_settings", null,
				"response_format");
	}

	private static @Nullable ToolConfiguration tools(ChatCompletionRequest request, boolean structured) {
		List<Tool> specs = new ArrayList<>();
		if (request.tools() != null) {
			for (int i = 0; i < request.tools().size(); i++) {
				ChatTool tool = request.tools().get(i);
				FunctionDefinition function = tool.function();
				if (!tool.isFunction() || function == null) {
					throw new BadRequestError("bedrock takes tools of type function only, not " + tool.type(), null,
							"tools[" + i + "].type");
				}
				specs.add(tool(function.name(), function.description(), function.parameters()));
			}
		}
		ToolChoice choice = toolChoice(request.toolChoice());
		Object schema = structured ? request.responseFormat().schema() : null;
		if (schema != null) {
			specs.add(tool(ResponseFormatTool.NAME, ResponseFormatTool.DESCRIPTION, schema));
			choice = ToolChoice.fromTool(SpecificToolChoice.builder().name(ResponseFormatTool.NAME).build());
		}
		if (specs.isEmpty()) {
			return null;
		}
		ToolConfiguration.Builder config = ToolConfiguration.builder().tools(specs);
		if (choice != null) {
			config.toolChoice(choice);
		}
		return config.build();
	}

	private static Tool tool(String name, @Nullable String description, @Nullable Object parameters) {
		return Tool.fromToolSpec(ToolSpecification.builder()
			.name(name)
			.description(description)
			.inputSchema(ToolInputSchema.fromJson(Documents
				.from((parameters != null) ? parameters : Map.of("type", "object", "properties", Map.of()))))
			.build());
	}

	private static @Nullable ToolChoice toolChoice(dev.llmgw.model.openai.@Nullable ToolChoice choice) {
		if (choice == null) {
			return null;
		}
		if (choice.isFunction()) {
			return ToolChoice.fromTool(SpecificToolChoice.builder().name(choice.functionName()).build());
		}
		if (choice.requiresATool()) {
			return ToolChoice.fromAny(AnyToolChoice.builder().build());
		}
		if (choice.is(dev.llmgw.model.openai.ToolChoice.AUTO)) {
			return ToolChoice.fromAuto(AutoToolChoice.builder().build());
		}
		if (choice.is(dev.llmgw.model.openai.ToolChoice.NONE)) {
			// "none" has no Converse equivalent; the model then decides, as with auto
			return null;
		}
		throw new BadRequestError("bedrock takes tool_choice none, auto, required or a function, not " + choice.json(),
				null, "tool_choice");
	}

	private static @Nullable Document additionalFields(ChatCompletionRequest request, Map<String, Object> defaults) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		if (defaults.get("additionalModelRequestFields") instanceof Map<?, ?> configured) {
			configured.forEach((key, value) -> fields.put(String.valueOf(key), value));
		}
		if (request.extra().get("additionalModelRequestFields") instanceof Map<?, ?> given) {
			given.forEach((key, value) -> fields.put(String.valueOf(key), value));
		}
		Object topK = request.extra().getOrDefault("top_k", defaults.get("top_k"));
		if (topK != null) {
			fields.put("top_k", topK);
		}
		return fields.isEmpty() ? null : Documents.from(fields);
	}

	private static @Nullable Number number(@Nullable Object value) {
		if (value instanceof Number number) {
			return number;
		}
		if (value instanceof String text) {
			try {
				return Double.valueOf(text.trim());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		return null;
	}

}
