package dev.llmgw.gateway.providers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One call of a provider's own Responses API ({@code POST /responses}), for deployments
 * that speak it: the body goes as the caller wrote it, with the deployment's model id and
 * without the gateway's own fields.
 *
 * @param deployment who answers
 * @param body the Responses request, conversation already expanded (no
 * {@code previous_response_id})
 * @param callId the request id, for logs
 */
public record ResponsesCall(Deployment deployment, Map<String, @Nullable Object> body, String callId) {

}
