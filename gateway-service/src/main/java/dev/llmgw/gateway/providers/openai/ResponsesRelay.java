package dev.llmgw.gateway.providers.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.SseFrames;
import dev.llmgw.gateway.providers.StreamTally;
import dev.llmgw.gateway.providers.StreamTranslator;
import dev.llmgw.model.openai.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passes a provider's Responses API stream through event by event, named as it came
 * ({@code event: <type>}), and reads the usage of the closing event
 * ({@code response.completed}, {@code .incomplete} or {@code .failed}) for spend. Only
 * those closing events are parsed; the deltas pass as bytes.
 */
final class ResponsesRelay implements StreamTranslator {

	private final JsonMapper mapper;

	private final StreamTally tally;

	ResponsesRelay(JsonMapper mapper, StreamTally tally) {
		this.mapper = mapper;
		this.tally = tally;
	}

	@Override
	public List<byte[]> onEvent(SseEvent event) {
		byte[] data = event.data();
		if (data.length == 0 || event.isDone()) {
			return List.of();
		}
		String type = event.event();
		if (type == null || type.startsWith("response.completed") || type.startsWith("response.incomplete")
				|| type.startsWith("response.failed") || (type.equals("error"))) {
			JsonNode node = this.mapper.readTree(data);
			type = node.path("type").asString(type != null ? type : "message");
			JsonNode usage = node.path("response").path("usage");
			if (usage.isObject()) {
				this.tally.usage(usage(usage));
			}
		}
		this.tally.countChunk(data.length);
		return List.of(SseFrames.event(type, data));
	}

	@Override
	public List<byte[]> onEnd() {
		return List.of();
	}

	/** The Responses API's usage in chat terms, details kept where spend reads them. */
	static Usage usage(@Nullable JsonNode usage) {
		if (usage == null || !usage.isObject()) {
			return Usage.NONE;
		}
		long input = usage.path("input_tokens").asLong(0);
		long output = usage.path("output_tokens").asLong(0);
		Map<String, @Nullable Object> extra = new LinkedHashMap<>();
		long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
		if (cached > 0) {
			extra.put("prompt_tokens_details", Map.of("cached_tokens", cached));
		}
		long reasoning = usage.path("output_tokens_details").path("reasoning_tokens").asLong(0);
		if (reasoning > 0) {
			extra.put("completion_tokens_details", Map.of("reasoning_tokens", reasoning));
		}
		return new Usage(input, output, input + output, extra);
	}

}
