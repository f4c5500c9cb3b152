package dev.llmgw.gateway.web;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * One feature's typed slot in a request's attributes, as Spring Cloud Gateway's filters
 * own theirs: the feature that declares the key is the only one that writes it (it keeps
 * the key private and offers a reader), so what a request carries is named and owned
 * instead of a shared mutable bag.
 *
 * @param <T> the value's type
 */
public final class ExchangeAttribute<T> {

	private final String name;

	private final Class<T> type;

	private ExchangeAttribute(String name, Class<T> type) {
		this.name = name;
		this.type = type;
	}

	/** A key named after its owner, so that two features cannot collide. */
	public static <T> ExchangeAttribute<T> of(Class<?> owner, Class<T> type) {
		return new ExchangeAttribute<>(owner.getName() + "." + type.getSimpleName(), type);
	}

	public @Nullable T get(ServerWebExchange exchange) {
		return this.type.cast(exchange.getAttributes().get(this.name));
	}

	/**
	 * The value in a copy of a request's attributes (the end-of-call record keeps one).
	 */
	public @Nullable T get(Map<String, Object> attributes) {
		return this.type.cast(attributes.get(this.name));
	}

	/**
	 * The value, made first when the request has none (the attributes are a concurrent
	 * map).
	 */
	public T computeIfAbsent(ServerWebExchange exchange, Supplier<T> made) {
		return this.type.cast(exchange.getAttributes().computeIfAbsent(this.name, (name) -> made.get()));
	}

	public void put(ServerWebExchange exchange, T value) {
		exchange.getAttributes().put(this.name, value);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
