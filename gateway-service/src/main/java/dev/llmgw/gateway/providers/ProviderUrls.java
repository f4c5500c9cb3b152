package dev.llmgw.gateway.providers;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Provider URLs parsed once each. Reactor Netty matches a URL given as a string against a
 * regular expression on every request (about 1% of a call's CPU on the master-key path);
 * a {@link URI} it reads field by field. A deployment's URLs are few and fixed, but a
 * wildcard route can put a caller's model name into a URL, so the cache is bounded: past
 * {@link #MAX_ENTRIES} a URL is parsed per request as before.
 */
final class ProviderUrls {

	static final int MAX_ENTRIES = 512;

	private final ConcurrentHashMap<String, URI> parsed = new ConcurrentHashMap<>();

	/**
	 * The parsed URL, or null when Java's parser reads it differently from Reactor
	 * Netty's (a host name with an underscore has no host for {@link URI}, characters
	 * that URIs must escape are refused): then the string goes to Reactor Netty as it
	 * always did.
	 */
	@Nullable URI parse(String url) {
		URI uri = this.parsed.get(url);
		if (uri != null) {
			return uri;
		}
		try {
			uri = new URI(url);
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
		if (!uri.isAbsolute() || uri.getHost() == null) {
			return null;
		}
		if (this.parsed.size() < MAX_ENTRIES) {
			this.parsed.putIfAbsent(url, uri);
		}
		return uri;
	}

	int size() {
		return this.parsed.size();
	}

}
