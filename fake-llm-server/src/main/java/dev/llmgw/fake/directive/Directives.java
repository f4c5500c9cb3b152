package dev.llmgw.fake.directive;

import org.jspecify.annotations.Nullable;

/**
 * How one request asked to be answered. Every field has a neutral default, so a request
 * without directives gets a plain, immediate reply.
 *
 * @param latencyMs delay before the reply or the first stream chunk ({@code latency_ms},
 * default 0)
 * @param chunkDelayMs delay between stream chunks ({@code chunk_delay_ms}, default 0)
 * @param chunks content chunks in a stream ({@code chunks}); 0, the default, means one
 * per word
 * @param reply fixed reply text ({@code reply}), or null
 * @param echo whether to reply with the raw request body ({@code echo}, any value)
 * @param toolCall function to call when the request offers tools ({@code tool_call}), or
 * null
 * @param error failure to answer with ({@code error}), or null
 * @param retryAfterSeconds {@code Retry-After} of an error ({@code retry_after}); 0 means
 * not given
 * @param errorAfterChunks content chunks to stream before dropping the connection
 * ({@code error_after_chunks}); -1, the default, means never
 * @param failTimes how many requests per fail key get the error ({@code fail_times}); 0,
 * the default, means all
 * @param noUsage whether a stream leaves out its usage chunk even when asked for it
 * ({@code no_usage}, any value), as some OpenAI-compatible servers do
 * @param failKey the key that {@code fail_times} counts under ({@code fail_key}); null
 * means the model string
 */
public record Directives(long latencyMs, long chunkDelayMs, int chunks, @Nullable String reply, boolean echo,
		@Nullable String toolCall, @Nullable FakeError error, int retryAfterSeconds, int errorAfterChunks,
		int failTimes, @Nullable String failKey, boolean noUsage) {

	public static final Directives NONE = new Directives(0, 0, 0, null, false, null, null, 0, -1, 0, null, false);

}
