/**
 * Logging callbacks, as LiteLLM's {@code success_callback}, {@code failure_callback} and
 * {@code callbacks}: every ended call becomes LiteLLM's standard logging payload, built
 * once on a listener thread and queued on each callback's bounded delivery, which sends
 * in batches, retries what may pass and drops the oldest when a collector falls behind.
 * Each destination is a sub-package with a
 * {@link dev.llmgw.gateway.logging.LogSinkFactory} bean: {@code s3}, {@code langfuse},
 * {@code langsmith}, {@code generic}.
 */
@NullMarked
package dev.llmgw.gateway.logging;

import org.jspecify.annotations.NullMarked;
