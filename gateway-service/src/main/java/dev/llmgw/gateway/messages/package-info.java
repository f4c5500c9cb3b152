/**
 * Anthropic's Messages API ({@code POST /v1/messages}) in front of any model, so that
 * Claude Code and the Anthropic SDKs can use the gateway: the request is translated to
 * OpenAI form, runs the same admission, provider call and spend path as chat completions,
 * and the answer is translated back, streams event by event.
 */
@NullMarked
package dev.llmgw.gateway.messages;

import org.jspecify.annotations.NullMarked;
