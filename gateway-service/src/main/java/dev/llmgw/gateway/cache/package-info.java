/**
 * LiteLLM's response cache ({@code litellm_settings.cache: true}) as the call pipeline's
 * cache stage, on Redis, a Redis cluster or in process, with LiteLLM's {@code /cache}
 * admin routes.
 */
@NullMarked
package dev.llmgw.gateway.cache;

import org.jspecify.annotations.NullMarked;
