package dev.llmgw.fake.prompts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /prompts/{promptIdentifier}} as Bedrock Agents answers it
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent_GetPrompt.html), for
 * the prompts stored with {@code POST /fake/prompts} ({@code {"id", "prompt"}}); an
 * unknown one is Bedrock's ResourceNotFoundException.
 */
public final class PromptEndpoints {

	private static final String PREFIX = "/prompts/";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, byte[]> prompts = new ConcurrentHashMap<>();

	public static boolean isPromptPath(String path) {
		return path.startsWith(PREFIX) && path.length() > PREFIX.length();
	}

	public Mono<Void> get(String path, HttpServerResponse response) {
		String id = java.net.URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
		byte[] prompt = this.prompts.get(id);
		if (prompt == null) {
			response.header("x-amzn-ErrorType", "ResourceNotFoundException");
			return Replies.json(response, HttpResponseStatus.NOT_FOUND,
					("{\"message\":\"Prompt " + id + " not found\"}").getBytes(StandardCharsets.UTF_8));
		}
		return Replies.json(response, HttpResponseStatus.OK, prompt);
	}

	public Mono<Void> store(byte[] body, HttpServerResponse response) {
		JsonNode stored = this.mapper.readTree(body);
		this.prompts.put(stored.path("id").asString(""), this.mapper.writeValueAsBytes(stored.path("prompt")));
		return Replies.json(response, HttpResponseStatus.OK, body);
	}

}
