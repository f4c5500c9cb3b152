package dev.llmgw.middleware.web;

import dev.llmgw.memory.InFlightBodyBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request-body limits: {@code MIDDLEWARE_MAX_REQUEST_SIZE_MB} per request (32 by
 * default, the gateway's default {@code max_request_size_mb}) and
 * {@code MIDDLEWARE_MAX_IN_FLIGHT_REQUEST_MB} for all requests together (an eighth of the
 * heap by default).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
public class RequestBodyConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RequestBodyConfiguration.class);

	private static final long MEGABYTE = 1024 * 1024;

	@Bean
	RequestBodyLimitFilter requestBodyLimitFilter(WebProperties properties) {
		double maxMb = properties.maxRequestSizeMb();
		double inFlightMb = properties.maxInFlightRequestMb();
		if (maxMb <= 0) {
			throw new IllegalStateException("MIDDLEWARE_MAX_REQUEST_SIZE_MB must be positive, got " + maxMb);
		}
		long maxBytes = (long) (maxMb * MEGABYTE);
		long budget = (inFlightMb > 0) ? (long) (inFlightMb * MEGABYTE)
				: InFlightBodyBudget.defaultCapacity(Runtime.getRuntime().maxMemory());
		log.info("Request bodies: at most {} MB each, {} MB in flight together", maxBytes / MEGABYTE,
				budget / MEGABYTE);
		if (budget < maxBytes) {
			log.warn("MIDDLEWARE_MAX_REQUEST_SIZE_MB is more than the in-flight budget (an eighth of the heap unless "
					+ "MIDDLEWARE_MAX_IN_FLIGHT_REQUEST_MB is set): bodies over {} MB are refused; give the middleware "
					+ "more memory to take larger ones", budget / MEGABYTE);
		}
		return new RequestBodyLimitFilter(maxBytes, new InFlightBodyBudget(budget));
	}

}
