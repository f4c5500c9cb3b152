/**
 * LiteLLM's {@code guardrails:} as the call pipeline's guardrail stage: Bedrock
 * Guardrails and LiteLLM's content filter, before, during and after the provider call.
 */
@NullMarked
package dev.llmgw.gateway.guardrails;

import org.jspecify.annotations.NullMarked;
