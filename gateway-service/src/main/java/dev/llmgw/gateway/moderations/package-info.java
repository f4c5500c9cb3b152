/**
 * OpenAI's moderation endpoint ({@code POST /v1/moderations}) through the call pipeline:
 * keys, model access, rate limits, retries and fallbacks, spend logs and logging apply as
 * to any call; a moderation costs nothing.
 */
@NullMarked
package dev.llmgw.gateway.moderations;

import org.jspecify.annotations.NullMarked;
