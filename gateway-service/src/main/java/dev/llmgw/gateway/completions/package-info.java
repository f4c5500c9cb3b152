/**
 * OpenAI's legacy {@code POST /v1/completions} (text completions), answered by any chat
 * model: the prompt becomes a user message and the chat answer a text completion, as
 * LiteLLM does for providers without a text endpoint.
 */
@NullMarked
package dev.llmgw.gateway.completions;

import org.jspecify.annotations.NullMarked;
