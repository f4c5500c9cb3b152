package dev.llmgw.middleware.history;

/**
 * How much one session may hold, so that a long conversation fails with a clear message
 * instead of growing every call's prompt and the table without end.
 *
 * @param maxBytes the stored JSON's size ({@code CHAT_HISTORY_MAX_BYTES})
 * @param maxMessages the number of messages ({@code CHAT_HISTORY_MAX_MESSAGES})
 */
record HistoryLimits(int maxBytes, int maxMessages) {

}
