package dev.llmgw.gateway.audio;

import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.engine.CallPipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The audio routes, with and without {@code /v1} and in Azure's deployment form, as
 * LiteLLM serves them.
 */
@Configuration(proxyBeanMethods = false)
class AudioConfiguration {

	@Bean
	RouterFunction<ServerResponse> audioRoutes(JsonBodyReader bodies, CallPipeline calls) {
		SpeechHandler speech = new SpeechHandler(bodies, calls);
		TranscriptionsHandler transcriptions = new TranscriptionsHandler(calls);
		return RouterFunctions.route()
			.POST("/v1/audio/speech", speech::handle)
			.POST("/audio/speech", speech::handle)
			.POST("/v1/audio/transcriptions", transcriptions::handle)
			.POST("/audio/transcriptions", transcriptions::handle)
			.build();
	}

}
