package dev.llmgw.gateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.error.GuardrailViolationError;
import dev.llmgw.gateway.providers.bedrock.BedrockClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code guardrail: bedrock}: Amazon Bedrock Guardrails through ApplyGuardrail, signed
 * with the same region, credentials chain, STS role and endpoint settings as Bedrock
 * models ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} included) and sent by
 * {@link ApplyGuardrailClient}. As LiteLLM reads an answer: {@code GUARDRAIL_INTERVENED}
 * with any assessment {@code BLOCKED} refuses the call; with only anonymised entities the
 * texts go on as the guardrail rewrote them; anything else passes. The assessments are
 * kept for the error body as AWS sent them, each {@code match} redacted, as LiteLLM
 * redacts them.
 */
final class BedrockGuardrail implements Guardrail {

	private final GuardrailSpec spec;

	private final BedrockClients clients;

	private final ApplyGuardrailClient http;

	private final JsonMapper mapper;

	private final String identifier;

	private final String version;

	BedrockGuardrail(GuardrailSpec spec, BedrockClients clients, ApplyGuardrailClient http, JsonMapper mapper) {
		this.spec = spec;
		this.clients = clients;
		this.http = http;
		this.mapper = mapper;
		String id = GuardrailSpecs.text(spec.params().get("guardrailIdentifier"));
		String version = GuardrailSpecs.text(spec.params().get("guardrailVersion"));
		if (id == null || version == null) {
			throw new ConfigException("guardrails." + spec.name()
					+ ": a bedrock guardrail needs litellm_params.guardrailIdentifier and guardrailVersion");
		}
		this.identifier = id;
		this.version = version;
	}

	@Override
	public GuardrailSpec spec() {
		return this.spec;
	}

	@Override
	public Mono<Verdict> check(Source source, List<String> texts) {
		if (texts.isEmpty()) {
			return Mono.just(Verdict.PASS);
		}
		String region = GuardrailSpecs.text(this.spec.params().get("aws_region_name"));
		return this.clients.target(this.spec.params(), region, null)
			.flatMap((target) -> this.http.apply(target, this.identifier, this.version, source.name(), texts))
			.map((answer) -> verdict(answer, texts.size()));
	}

	private Verdict verdict(JsonNode answer, int count) {
		if (!"GUARDRAIL_INTERVENED".equals(answer.path("action").asString(""))) {
			return Verdict.PASS;
		}
		List<Object> assessments = new ArrayList<>();
		for (JsonNode assessment : answer.path("assessments")) {
			assessments.add(redacted(this.mapper.treeToValue(assessment, Object.class)));
		}
		List<String> outputs = new ArrayList<>();
		for (JsonNode output : answer.path("outputs")) {
			outputs.add(output.path("text").asString(""));
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("guardrailIdentifier", this.identifier);
		details.put("guardrailVersion", this.version);
		details.put("bedrock_guardrail_response", String.join("", outputs));
		details.put("assessments", assessments);
		if (anyBlocked(assessments)) {
			return Verdict.block(GuardrailViolationError.MESSAGE, details);
		}
		if (outputs.size() != count) {
			// an anonymisation that cannot be put back text by text (moving one message's
			// text into another could change its role): treated as no answer
			throw new IllegalStateException("the guardrail anonymised " + count + " texts into " + outputs.size());
		}
		return Verdict.mask(outputs, details);
	}

	/** Whether any policy's entry says BLOCKED, at any depth of the assessments. */
	private static boolean anyBlocked(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			if ("BLOCKED".equals(map.get("action"))) {
				return true;
			}
			return map.values().stream().anyMatch(BedrockGuardrail::anyBlocked);
		}
		if (value instanceof List<?> list) {
			return list.stream().anyMatch(BedrockGuardrail::anyBlocked);
		}
		return false;
	}

	/** An assessment with each {@code match} (the text the policy caught) redacted. */
	static @Nullable Object redacted(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, item) -> {
				if (item != null) {
					converted.put(String.valueOf(key), "match".equals(key) ? "[REDACTED]" : redacted(item));
				}
			});
			return converted;
		}
		if (value instanceof List<?> list) {
			List<Object> items = new ArrayList<>(list.size());
			list.forEach((item) -> items.add(redacted(item)));
			return items;
		}
		return value;
	}

}
