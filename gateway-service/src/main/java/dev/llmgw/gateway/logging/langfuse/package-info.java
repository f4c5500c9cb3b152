/**
 * The {@code langfuse} logging callback: a trace and a generation per call, sent to
 * Langfuse's batch ingestion API as LiteLLM's Langfuse logger fills them.
 */
@NullMarked
package dev.llmgw.gateway.logging.langfuse;

import org.jspecify.annotations.NullMarked;
