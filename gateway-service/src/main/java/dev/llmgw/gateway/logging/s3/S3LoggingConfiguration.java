package dev.llmgw.gateway.logging.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.logging.LogSink;
import dev.llmgw.gateway.logging.LogSinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code s3} logging callback. LiteLLM has two: {@code s3} (the original's config
 * names it) and {@code s3_v2}; both are this one, which logs what the lists that name it
 * ask for, failures included.
 */
@Configuration(proxyBeanMethods = false)
public class S3LoggingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(S3LoggingConfiguration.class);

	@Bean
	LogSinkFactory s3LogSinkFactory(GatewayConfig config, JsonMapper mapper) {
		return new LogSinkFactory() {

			@Override
			public Set<String> names() {
				return Set.of("s3", "s3_v2");
			}

			@Override
			public LogSink create() {
				List<String> warnings = new ArrayList<>();
				S3Settings settings = S3Settings.of(config.litellmSettings().raw().get("s3_callback_params"),
						config.environment(), warnings);
				warnings.forEach(log::warn);
				log.info("Logging callback s3: {}", settings.shown());
				return new S3Sink(settings, mapper);
			}

		};
	}

}
