/**
 * The {@code langsmith} logging callback: a run per call, sent to LangSmith's batch runs
 * API as LiteLLM's LangSmith logger fills them.
 */
@NullMarked
package dev.llmgw.gateway.logging.langsmith;

import org.jspecify.annotations.NullMarked;
