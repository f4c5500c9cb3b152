package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.model.openai.ChatCompletionRequest;

/**
 * One call of a deployment.
 *
 * @param deployment who answers
 * @param request the caller's request, in OpenAI form
 * @param callId the request id, for logs
 */
public record ProviderCall(Deployment deployment, ChatCompletionRequest request, String callId) {

}
