/**
 * OpenAI's Responses API ({@code /v1/responses}) in front of any model: a request is
 * translated to a chat completion, runs the same admission, guardrails, cache, provider
 * call and spend path as chat, and the answer is translated back into a response object,
 * or into the Responses API's typed stream events. Responses the caller asks to keep
 * ({@code store}, on by default) are kept in the gateway's database, owned by the key
 * that made them, for {@code GET}, {@code DELETE}, {@code input_items} and
 * {@code previous_response_id}.
 */
@NullMarked
package dev.llmgw.gateway.responses;

import org.jspecify.annotations.NullMarked;
