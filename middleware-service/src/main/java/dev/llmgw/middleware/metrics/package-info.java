/**
 * The middleware's own Prometheus metrics on {@code GET /metrics}: Converse calls and
 * streams, chat-history reads and writes, managed-prompt lookups and Okta sign-ups, under
 * the prefix {@code llmgw_middleware_}, plus the JVM's, Netty's, the history database
 * pool's and the gateway connection pool's meters from Micrometer. The features tell what
 * happens through interfaces they declare themselves ({@code ConverseEvents},
 * {@code HistoryEvents}, {@code PromptEvents}, {@code OktaEvents}), implemented here, so
 * this package depends on them and none of them on it.
 */
@NullMarked
package dev.llmgw.middleware.metrics;

import org.jspecify.annotations.NullMarked;
