package dev.llmgw.gateway.cache;

import dev.llmgw.gateway.engine.CacheStage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The response cache stage. */
@Configuration(proxyBeanMethods = false)
public class CacheConfiguration {

	@Bean
	CacheStage responseCache() {
		return new NoResponseCache();
	}

}
