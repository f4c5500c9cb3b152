/**
 * OpenTelemetry traces with {@code callbacks: ["otel"]}, as LiteLLM's otel callback: a
 * server span per request, parented by the caller's W3C {@code traceparent}, carrying
 * LiteLLM's and the GenAI conventions' attributes for a model call, with a child span per
 * provider attempt and per guardrail; exported over OTLP/HTTP as the standard
 * {@code OTEL_*} variables (or LiteLLM's own) say. Without the callback nothing here
 * exists.
 */
@NullMarked
package dev.llmgw.gateway.tracing;

import org.jspecify.annotations.NullMarked;
