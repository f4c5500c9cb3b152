package dev.llmgw.gateway.logging.langfuse;

import java.net.URI;
import java.util.Set;

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
 * The {@code langfuse} callback, from LiteLLM's variables: {@code LANGFUSE_PUBLIC_KEY}
 * and {@code LANGFUSE_SECRET_KEY} (required), {@code LANGFUSE_HOST} (default
 * {@code https://cloud.langfuse.com}), {@code LANGFUSE_RELEASE}, and the Langfuse SDK's
 * {@code LANGFUSE_FLUSH_AT} (15 calls) and {@code LANGFUSE_FLUSH_INTERVAL} (LiteLLM's 1
 * s). {@code redact_user_api_key_info} leaves the key's details out of its metadata.
 */
@Configuration(proxyBeanMethods = false)
public class LangfuseLoggingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LangfuseLoggingConfiguration.class);

	@Bean
	LogSinkFactory langfuseLogSinkFactory(GatewayConfig config, JsonMapper mapper) {
		return new LogSinkFactory() {

			@Override
			public Set<String> names() {
				return Set.of("langfuse");
			}

			@Override
			public LogSink create() {
				CallbackSettings settings = new CallbackSettings(config.environment());
				String publicKey = settings.required("LANGFUSE_PUBLIC_KEY", "langfuse");
				String secretKey = settings.required("LANGFUSE_SECRET_KEY", "langfuse");
				String host = settings.text("LANGFUSE_HOST");
				URI uri = CallbackSettings.url("LANGFUSE_HOST", (host != null) ? host : "https://cloud.langfuse.com");
				boolean redact = CallbackSettings.flag(config.litellmSettings().raw().get("redact_user_api_key_info"));
				log.info("Logging callback langfuse: {} (public key {}){}", CallbackSettings.shown(uri), publicKey,
						redact ? ", key details left out" : "");
				return new LangfuseSink(uri, publicKey, secretKey, settings.text("LANGFUSE_RELEASE"), redact,
						// each call's text goes twice (trace and generation): 1.5 MB of
						// entries
						// keeps a request under Langfuse's 3.5 MB
						new LogSink.Batching((int) settings.number("LANGFUSE_FLUSH_AT", 15),
								settings.seconds("LANGFUSE_FLUSH_INTERVAL", 1), 1_500_000),
						mapper);
			}

		};
	}

}
