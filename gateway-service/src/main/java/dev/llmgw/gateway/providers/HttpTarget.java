package dev.llmgw.gateway.providers;

import java.util.Map;

/**
 * Where one provider call goes.
 *
 * @param url the full URL
 * @param headers the provider's own headers (auth, version)
 */
public record HttpTarget(String url, Map<String, String> headers) {

}
