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
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;

/**
 * {@code guardrail: bedrock}: Amazon Bedrock Guardrails through ApplyGuardrail, on the
 * AWS SDK's async client with the same region, credentials chain, STS role and endpoint
 * settings as Bedrock models ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} included). As
 * LiteLLM reads an answer: {@code GUARDRAIL_INTERVENED} with any assessment
 * {@code BLOCKED} refuses the call; with only anonymised entities the texts go on as the
 * guardrail rewrote them; anything else passes. The assessments are kept for the error
 * body with each {@code match} redacted, as LiteLLM redacts them.
 */
final class BedrockGuardrail implements Guardrail {

	private final GuardrailSpec spec;

	private final BedrockClients clients;

	private final String identifier;

	private final String version;

	BedrockGuardrail(GuardrailSpec spec, BedrockClients clients) {
		this.spec = spec;
		this.clients = clients;
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
		List<GuardrailContentBlock> content = new ArrayList<>(texts.size());
		for (String text : texts) {
			content.add(GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text(text).build()));
		}
		ApplyGuardrailRequest request = ApplyGuardrailRequest.builder()
			.guardrailIdentifier(this.identifier)
			.guardrailVersion(this.version)
			.source((source == Source.INPUT) ? GuardrailContentSource.INPUT : GuardrailContentSource.OUTPUT)
			.content(content)
			.build();
		String region = GuardrailSpecs.text(this.spec.params().get("aws_region_name"));
		return this.clients.forSettings(this.spec.params(), region, null, this.spec.timeout())
			.flatMap((client) -> Mono.fromFuture(() -> client.applyGuardrail(request), true))
			.map((response) -> verdict(response, texts.size()));
	}

	private Verdict verdict(ApplyGuardrailResponse response, int count) {
		if (response.action() != GuardrailAction.GUARDRAIL_INTERVENED) {
			return Verdict.PASS;
		}
		List<Object> assessments = new ArrayList<>();
		response.assessments().forEach((assessment) -> assessments.add(toMap(assessment)));
		List<String> outputs = response.outputs().stream().map(GuardrailOutputContent::text).toList();
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

	/**
	 * An SDK model as the JSON AWS sent, by its wire names, through the SDK's own field
	 * table (so that new policy types come along without code here); each {@code match}
	 * redacted.
	 */
	static @Nullable Object toMap(@Nullable Object value) {
		if (value instanceof SdkPojo pojo) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (SdkField<?> field : pojo.sdkFields()) {
				Object item = toMap(field.getValueOrDefault(pojo));
				if (item == null || (item instanceof List<?> list && list.isEmpty())) {
					continue;
				}
				map.put(field.locationName(), "match".equals(field.locationName()) ? "[REDACTED]" : item);
			}
			return map;
		}
		if (value instanceof List<?> list) {
			List<Object> items = new ArrayList<>();
			for (Object item : list) {
				Object converted = toMap(item);
				if (converted != null) {
					items.add(converted);
				}
			}
			return items;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, item) -> {
				Object mapped = toMap(item);
				if (mapped != null) {
					converted.put(String.valueOf(key), mapped);
				}
			});
			return converted;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return (value != null) ? value.toString() : null;
	}

}
