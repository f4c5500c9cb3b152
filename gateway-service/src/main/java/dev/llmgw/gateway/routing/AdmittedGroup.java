package dev.llmgw.gateway.routing;

import dev.llmgw.gateway.web.ExchangeAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The model group a call was admitted to, found once by the admit stage and read back by
 * the queue and the failover, so that a call resolves its group once.
 */
public final class AdmittedGroup {

	private static final ExchangeAttribute<ModelGroup> ATTRIBUTE = ExchangeAttribute.of(AdmittedGroup.class,
			ModelGroup.class);

	private AdmittedGroup() {
	}

	public static void set(ServerWebExchange exchange, ModelGroup group) {
		ATTRIBUTE.put(exchange, group);
	}

	static @Nullable ModelGroup of(ServerWebExchange exchange) {
		return ATTRIBUTE.get(exchange);
	}

}
