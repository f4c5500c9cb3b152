/**
 * The adapter for Anthropic's Messages API (https://docs.anthropic.com/en/api/messages),
 * JSON and server-sent events.
 */
@NullMarked
package dev.llmgw.gateway.providers.anthropic;

import org.jspecify.annotations.NullMarked;
