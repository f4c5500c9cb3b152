package dev.llmgw.gateway.accesslog;

import dev.llmgw.gateway.web.MiddlewarePaths;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The access log. */
@Configuration(proxyBeanMethods = false)
public class AccessLogConfiguration {

	@Bean
	AccessLogFilter accessLogFilter(MiddlewarePaths middlewarePaths) {
		return new AccessLogFilter(middlewarePaths);
	}

}
