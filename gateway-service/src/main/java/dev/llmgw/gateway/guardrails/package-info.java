/**
 * The pre-call and post-call guardrail stages of the call pipeline; today stages that let
 * everything through.
 */
@NullMarked
package dev.llmgw.gateway.guardrails;

import org.jspecify.annotations.NullMarked;
