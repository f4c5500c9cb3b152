package dev.llmgw.gateway.logging.langsmith;

import java.net.URI;
import java.util.Set;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.logging.CallbackSettings;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.LogSinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code langsmith} callback, from LiteLLM's variables: {@code LANGSMITH_API_KEY}
 * (required), {@code LANGSMITH_PROJECT} (default {@code litellm-completion}),
 * {@code LANGSMITH_BASE_URL} (default {@code https://api.smith.langchain.com}),
 * {@code LANGSMITH_DEFAULT_RUN_NAME} (default {@code LLMRun}),
 * {@code LANGSMITH_TENANT_ID}, {@code LANGSMITH_BATCH_SIZE} (512), flushed every 5 s.
 * {@code LANGSMITH_SAMPLING_RATE} is honoured as LiteLLM honours it: 0 or 1.
 */
@Configuration(proxyBeanMethods = false)
public class LangsmithLoggingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LangsmithLoggingConfiguration.class);

	@Bean
	LogSinkFactory langsmithLogSinkFactory(GatewayConfig config, JsonMapper mapper) {
		return new LogSinkFactory() {

			@Override
			public Set<String> names() {
				return Set.of("langsmith");
			}

			@Override
			public LogSink create() {
				CallbackSettings settings = new CallbackSettings(config.environment());
				String apiKey = settings.required("LANGSMITH_API_KEY", "langsmith");
				String base = settings.text("LANGSMITH_BASE_URL");
				URI uri = CallbackSettings.url("LANGSMITH_BASE_URL",
						(base != null) ? base : "https://api.smith.langchain.com");
				String project = settings.text("LANGSMITH_PROJECT");
				String runName = settings.text("LANGSMITH_DEFAULT_RUN_NAME");
				String sampling = settings.text("LANGSMITH_SAMPLING_RATE");
				if (sampling != null && !sampling.equals("1") && !sampling.equals("1.0")) {
					if (sampling.equals("0") || sampling.equals("0.0")) {
						throw new ConfigException("LANGSMITH_SAMPLING_RATE is 0: the langsmith callback would log "
								+ "nothing; remove it from the callbacks instead");
					}
					log.warn("LANGSMITH_SAMPLING_RATE={} is not applied: LiteLLM honours only 0 and 1, and every "
							+ "call is logged", sampling);
				}
				log.info("Logging callback langsmith: {} project {}", CallbackSettings.shown(uri),
						(project != null) ? project : "litellm-completion");
				return new LangsmithSink(uri, apiKey, settings.text("LANGSMITH_TENANT_ID"),
						(project != null) ? project : "litellm-completion", (runName != null) ? runName : "LLMRun",
						new LogSink.Batching((int) settings.number("LANGSMITH_BATCH_SIZE", 512),
								settings.seconds("LANGSMITH_FLUSH_INTERVAL", 5), 8_000_000),
						mapper);
			}

		};
	}

}
