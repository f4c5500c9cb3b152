package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * One request to a provider's Files or Batch API, on the deployment that holds the file
 * or batch: {@code POST /files}, {@code GET /files/{id}}, {@code GET
 * /files/{id}/content}, {@code DELETE /files/{id}}, {@code POST /batches}, {@code GET
 * /batches/{id}}, {@code POST /batches/{id}/cancel}.
 *
 * @param deployment whose account holds the object
 * @param method the HTTP method
 * @param path the path below the API's base, starting with {@code /files} or
 * {@code /batches}
 * @param contentType the body's media type, null without a body
 * @param body the body, null without one
 * @param callId the call's id
 */
public record FilesCall(Deployment deployment, String method, String path, @Nullable String contentType,
		@Nullable Flux<byte[]> body, String callId) {

}
