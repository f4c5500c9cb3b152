package dev.llmgw.gateway.providers;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One text-to-speech attempt on one deployment ({@code POST /audio/speech}).
 *
 * @param deployment who is asked
 * @param request the caller's body ({@code input}, {@code voice},
 * {@code response_format}, ...)
 * @param callId the call's id
 */
public record SpeechCall(Deployment deployment, Map<String, @Nullable Object> request, String callId) {

}
