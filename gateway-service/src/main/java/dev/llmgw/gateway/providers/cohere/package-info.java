/**
 * The adapter for Cohere's v2 API: chat, streamed chat as server-sent events, and embed
 * (https://docs.cohere.com/reference/chat, https://docs.cohere.com/reference/embed).
 */
@NullMarked
package dev.llmgw.gateway.providers.cohere;

import org.jspecify.annotations.NullMarked;
