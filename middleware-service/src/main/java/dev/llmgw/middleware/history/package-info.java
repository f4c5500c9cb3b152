/**
 * Chat history: sessions that remember a conversation across calls, on the OpenAI and
 * Converse interfaces, stored in the original's {@code chat_sessions} table and readable
 * only by the key or user that created them.
 */
@NullMarked
package dev.llmgw.middleware.history;

import org.jspecify.annotations.NullMarked;
