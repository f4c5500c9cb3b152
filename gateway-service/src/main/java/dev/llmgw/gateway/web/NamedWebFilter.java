package dev.llmgw.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * A gateway web filter, placed by {@link FilterOrder} and named by its class. Spring
 * labels each filter's part of every request with {@code filter.toString()}
 * ({@code checkpoint}), and {@code Object.toString} formats an identity hash for each
 * filter of each request, a fiftieth of a cache hit's time; the name here is made once.
 */
public abstract class NamedWebFilter implements WebFilter, Ordered {

	private final String name = getClass().getSimpleName();

	@Override
	public final String toString() {
		return this.name;
	}

}
