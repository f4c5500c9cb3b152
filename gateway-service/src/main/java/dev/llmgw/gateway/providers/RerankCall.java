package dev.llmgw.gateway.providers;

/**
 * One rerank attempt on one deployment.
 *
 * @param deployment who is asked
 * @param request what is asked
 * @param callId the call's id, for the answer's id
 */
public record RerankCall(Deployment deployment, RerankRequest request, String callId) {

}
