package dev.llmgw.gateway.web;

import java.util.Map;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Headers a feature adds to every request the call sends to a provider (the trace
 * context's {@code traceparent}), carried in the Reactor context of the request's chain,
 * so that the feature writes them once at the edge and the provider client reads them
 * where it builds the request, without either importing the other.
 */
public final class OutgoingHeaders {

	private static final String KEY = OutgoingHeaders.class.getName();

	private OutgoingHeaders() {
	}

	public static Context with(Context context, Map<String, String> headers) {
		return context.put(KEY, Map.copyOf(headers));
	}

	/** The headers to add, none when no feature asked. */
	@SuppressWarnings("unchecked")
	public static Map<String, String> of(ContextView context) {
		return context.getOrDefault(KEY, Map.of());
	}

}
