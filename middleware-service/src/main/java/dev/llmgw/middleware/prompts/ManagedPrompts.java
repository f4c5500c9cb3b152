package dev.llmgw.middleware.prompts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.middleware.error.BedrockError;
import dev.llmgw.model.openai.MiddlewareFields;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a chat request whose model is a prompt ARN into a request for the prompt's own
 * model: the first variant's template filled with the request's {@code promptVariables}
 * (a TEXT template is the whole conversation; a CHAT template brings its system prompt
 * and messages), with the variant's inference configuration. Prompts are cached for a few
 * minutes per id and version.
 */
public final class ManagedPrompts {

	private static final Duration TTL = Duration.ofMinutes(5);

	private final PromptClient client;

	private final JsonMapper mapper;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final PromptEvents events;

	/**
	 * @param endpoint Bedrock Agents' endpoint, or null for the prompt's region's
	 * @param mapper reads the prompts
	 * @param events told of each lookup (the metrics), or {@link PromptEvents#NONE}
	 */
	public ManagedPrompts(@Nullable String endpoint, JsonMapper mapper, PromptEvents events) {
		this.client = new PromptClient(endpoint);
		this.mapper = mapper;
		this.events = events;
	}

	/**
	 * Whether the model names a managed prompt (a malformed ARN too, which is refused).
	 */
	public static boolean isPrompt(@Nullable String model) {
		return MiddlewareFields.isPromptArn(model);
	}

	/**
	 * @param body an OpenAI chat request whose model is a prompt ARN; rewritten in place
	 * @param variables the request's prompt variables
	 * @return the same body, now for the prompt's model
	 */
	public Mono<ObjectNode> apply(ObjectNode body, Map<String, String> variables) {
		String model = body.path("model").asString(null);
		PromptArn arn = PromptArn.parse(model);
		if (arn == null) {
			return MiddlewareFields.isPromptArn(model) ? Mono.error(new BedrockError(400, "ValidationException",
					"The model is not a valid prompt ARN: arn:aws:bedrock:<region>:<account>:prompt/<id>[:<version>]"))
					: Mono.just(body);
		}
		return prompt(arn).map((prompt) -> render(prompt, body, variables));
	}

	/**
	 * Variables as the Converse route reads them: a string, or {@code {"text": ...}}.
	 */
	public static Map<String, String> variables(@Nullable Map<String, @Nullable Object> given) {
		Map<String, String> variables = new LinkedHashMap<>();
		if (given != null) {
			given.forEach((name, value) -> {
				Object text = (value instanceof Map<?, ?> object) ? object.get("text") : value;
				variables.put(name, (text != null && !(text instanceof Map<?, ?>)) ? String.valueOf(text) : "");
			});
		}
		return variables;
	}

	/** Variables as either interface sends them: a string, or {@code {"text": ...}}. */
	public static Map<String, String> variables(JsonNode given) {
		Map<String, String> variables = new LinkedHashMap<>();
		if (given.isObject()) {
			given.properties()
				.forEach((entry) -> variables.put(entry.getKey(), entry.getValue().isObject()
						? entry.getValue().path("text").asString("") : entry.getValue().asString("")));
		}
		return variables;
	}

	private Mono<JsonNode> prompt(PromptArn arn) {
		Cached cached = this.cache.get(arn.cacheKey());
		if (cached != null && cached.fresh()) {
			return Mono.just(cached.prompt())
				.doOnSuccess((prompt) -> this.events.fetched(PromptEvents.Source.CACHE, PromptEvents.Outcome.OK));
		}
		return this.client.getPrompt(arn).map((bytes) -> {
			JsonNode prompt = this.mapper.readTree(bytes);
			this.cache.put(arn.cacheKey(), new Cached(prompt, System.nanoTime() + TTL.toNanos()));
			return prompt;
		})
			.doOnSuccess((prompt) -> this.events.fetched(PromptEvents.Source.BEDROCK, PromptEvents.Outcome.OK))
			.doOnError((failure) -> this.events.fetched(PromptEvents.Source.BEDROCK,
					(failure instanceof BedrockError error && error.status() == 404) ? PromptEvents.Outcome.NOT_FOUND
							: PromptEvents.Outcome.ERROR));
	}

	private ObjectNode render(JsonNode prompt, ObjectNode body, Map<String, String> variables) {
		JsonNode variant = prompt.path("variants").path(0);
		if (variant.isMissingNode()) {
			throw new BedrockError(400, "ValidationException", "The prompt has no variant");
		}
		JsonNode template = variant.path("templateConfiguration");
		ArrayNode messages = this.mapper.createArrayNode();
		if (template.has("chat")) {
			JsonNode chat = template.path("chat");
			List<String> texts = new ArrayList<>();
			chat.path("system").forEach((block) -> texts.add(block.path("text").asString("")));
			chat.path("messages")
				.forEach((message) -> message.path("content")
					.forEach((block) -> texts.add(block.path("text").asString(""))));
			PromptTemplate.check(PromptTemplate.placeholders(texts), variables);
			StringBuilder system = new StringBuilder();
			chat.path("system")
				.forEach((block) -> system.append(system.isEmpty() ? "" : "\n")
					.append(PromptTemplate.fill(block.path("text").asString(""), variables)));
			if (!system.isEmpty()) {
				messages.addObject().put("role", "system").put("content", system.toString());
			}
			for (JsonNode message : chat.path("messages")) {
				StringBuilder text = new StringBuilder();
				message.path("content")
					.forEach((block) -> text.append(PromptTemplate.fill(block.path("text").asString(""), variables)));
				messages.addObject().put("role", message.path("role").asString("user")).put("content", text.toString());
			}
		}
		else {
			String text = template.path("text").path("text").asString("");
			PromptTemplate.check(PromptTemplate.placeholders(List.of(text)), variables);
			messages.addObject().put("role", "user").put("content", PromptTemplate.fill(text, variables));
		}
		body.put("model", variant.path("modelId").asString(""));
		body.set("messages", messages);
		JsonNode inference = variant.path("inferenceConfiguration").path("text");
		if (inference.has("maxTokens")) {
			body.put("max_tokens", inference.path("maxTokens").asInt());
		}
		if (inference.has("temperature")) {
			body.put("temperature", inference.path("temperature").asDouble());
		}
		if (inference.has("topP")) {
			body.put("top_p", inference.path("topP").asDouble());
		}
		if (inference.path("stopSequences").isArray() && !inference.path("stopSequences").isEmpty()) {
			body.set("stop", inference.path("stopSequences"));
		}
		body.remove("promptVariables");
		return body;
	}

	private record Cached(JsonNode prompt, long freshUntilNanos) {

		boolean fresh() {
			return System.nanoTime() < this.freshUntilNanos;
		}

	}

}
