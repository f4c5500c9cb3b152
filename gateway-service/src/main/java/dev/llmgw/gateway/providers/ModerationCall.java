package dev.llmgw.gateway.providers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One moderation attempt on one deployment ({@code POST /moderations}).
 *
 * @param deployment who is asked
 * @param request the caller's body ({@code input}, and whatever else it sent)
 * @param callId the call's id
 */
public record ModerationCall(Deployment deployment, Map<String, @Nullable Object> request, String callId) {

}
