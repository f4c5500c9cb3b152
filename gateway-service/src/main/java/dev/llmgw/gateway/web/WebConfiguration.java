package dev.llmgw.gateway.web;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.GatewayProperties;
import dev.llmgw.memory.InFlightBodyBudget;
import dev.llmgw.model.json.RecordCreators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.server.support.ServerResponseResultHandler;

/**
 * The filters every request passes whatever its route (call id, CORS, body size), and how
 * its body's records are built.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebConfiguration.class);

	/** Registered with the JSON mapper by Spring Boot: every request body is parsed. */
	@Bean
	RecordCreators recordCreators() {
		return new RecordCreators();
	}

	/**
	 * Asks the functional routes' result handler first. Spring's dispatcher asks each
	 * result handler in order whether it takes a handler's result, and the annotated
	 * controllers' handler, at the same order and registered first, resolved the generic
	 * return type of the route's handler to say no on every request (a fiftieth of a
	 * cache hit's event-loop time). Spring documents placing this one early as safe: it
	 * takes only results that are a {@code ServerResponse}.
	 */
	@Bean
	static BeanPostProcessor functionalResultsFirst() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof ServerResponseResultHandler handler) {
					handler.setOrder(Ordered.HIGHEST_PRECEDENCE);
				}
				return bean;
			}
		};
	}

	@Bean
	MiddlewarePaths middlewarePaths(GatewayProperties properties) {
		return new MiddlewarePaths(properties.middlewareUrl() != null && !properties.middlewareUrl().isBlank());
	}

	@Bean
	CrossOriginFilter crossOriginFilter(@Value("${gateway.cors-allowed-origins:*}") String origins,
			MiddlewarePaths middlewarePaths) {
		return new CrossOriginFilter(origins, middlewarePaths);
	}

	@Bean
	ContextBoundaryFilter contextBoundaryFilter() {
		return new ContextBoundaryFilter();
	}

	@Bean
	CallIdFilter callIdFilter(MiddlewarePaths middlewarePaths) {
		return new CallIdFilter(middlewarePaths);
	}

	@Bean
	RequestSizeFilter requestSizeFilter(GatewayConfig config, GatewayProperties gateway,
			RequestBodyProperties properties, MiddlewarePaths middlewarePaths) {
		long maxBytes = config.maxRequestBytes(gateway);
		long budget = properties.budgetBytes();
		log.info("Request bodies: at most {} MB each, {} MB in flight together", maxBytes / (1024 * 1024),
				budget / (1024 * 1024));
		if (budget < maxBytes) {
			log.warn("general_settings.max_request_size_mb is more than the in-flight budget (an eighth of the heap "
					+ "unless GATEWAY_MAX_IN_FLIGHT_REQUEST_MB is set): bodies over {} MB are refused; give the "
					+ "gateway more memory to take larger ones", budget / (1024 * 1024));
		}
		return new RequestSizeFilter(maxBytes, new InFlightBodyBudget(budget),
				// an audio upload is spooled to disk as it is read, not held: only its
				// size is limited
				(exchange) -> middlewarePaths.routesToMiddleware(exchange)
						|| exchange.getRequest().getPath().value().endsWith("/audio/transcriptions"));
	}

}
