package dev.llmgw.middleware.history;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much one session may hold, so that a long conversation fails with a clear message
 * instead of growing every call's prompt and the table without end.
 *
 * @param maxBytes the stored JSON's size ({@code middleware.history.max-bytes}:
 * {@code CHAT_HISTORY_MAX_BYTES})
 * @param maxMessages the number of messages ({@code middleware.history.max-messages}:
 * {@code CHAT_HISTORY_MAX_MESSAGES})
 */
record HistoryLimits(@DefaultValue("1048576") int maxBytes, @DefaultValue("1000") int maxMessages) {

}
