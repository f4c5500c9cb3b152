package dev.llmgw.gateway.guardrails;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.engine.GuardrailStage;
import dev.llmgw.gateway.models.SecretMasking;
import dev.llmgw.gateway.providers.bedrock.BedrockClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The guardrail stages ({@link Guardrails}) and {@code GET /guardrails/list}.
 */
@Configuration(proxyBeanMethods = false)
public class GuardrailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(GuardrailConfiguration.class);

	/**
	 * The guardrails of the config, none when it has no {@code guardrails:} section
	 * (every call then goes on, and one that names a guardrail is refused).
	 */
	@Bean
	GuardrailStage guardrails(GatewayConfig config, JsonMapper mapper) {
		List<GuardrailSpec> specs = GuardrailSpecs.parse(config.guardrails());
		// Bedrock clients apart from the models', and no event loops without a Bedrock
		// guardrail; closed with the stage
		BedrockClients bedrock = specs.stream().anyMatch((spec) -> "bedrock".equals(spec.kind()))
				? new BedrockClients(config.environment()) : null;
		ApplyGuardrailClient http = (bedrock != null) ? new ApplyGuardrailClient(mapper) : null;
		List<Guardrail> guardrails = new ArrayList<>();
		for (GuardrailSpec spec : specs) {
			guardrails.add((bedrock != null && http != null && "bedrock".equals(spec.kind()))
					? new BedrockGuardrail(spec, bedrock, http, mapper) : new ContentFilter(spec));
			log.info("Guardrail {}: {} {}{}", spec.name(), spec.kind(), spec.modes(),
					spec.defaultOn() ? ", on every call" : ", when a call names it");
			List<String> unused = GuardrailSpecs.unused(spec);
			if (!unused.isEmpty()) {
				log.warn("Guardrail {}: litellm_params {} are not supported by the gateway and have no effect",
						spec.name(), unused);
			}
		}
		AutoCloseable clients = (bedrock != null && http != null) ? () -> {
			http.close();
			bedrock.close();
		} : null;
		return new Guardrails(guardrails, mapper, clients);
	}

	@Bean
	RouterFunction<ServerResponse> guardrailRoutes(GuardrailStage stage) {
		return RouterFunctions.route().GET("/guardrails/list", (request) -> {
			List<Map<String, Object>> listed = new ArrayList<>();
			CallerIdentity caller = CallerIdentity.of(request.exchange());
			boolean admin = caller != null && caller.canReadAll();
			if (stage instanceof Guardrails guardrails) {
				for (Guardrail guardrail : guardrails.all()) {
					GuardrailSpec spec = guardrail.spec();
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("guardrail_name", spec.name());
					Map<String, Object> params = SecretMasking.litellmParams(spec.params());
					if (!admin) {
						// the filter's own words and patterns are a map for getting
						// around it
						params.keySet().removeAll(List.of("patterns", "blocked_words", "blocked_words_file"));
					}
					item.put("litellm_params", params);
					item.put("guardrail_info", spec.info());
					item.put("guardrail_definition_location", "config");
					listed.add(item);
				}
			}
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("guardrails", listed));
		}).build();
	}

}
