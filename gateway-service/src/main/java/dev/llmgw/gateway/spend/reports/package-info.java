/**
 * What was spent, read back: spend logs, LiteLLM's spend reports and aggregates, daily
 * activity, the Usage page's summary and its windows, and what a call would cost. The
 * spend itself is written by {@code spend}.
 */
@NullMarked
package dev.llmgw.gateway.spend.reports;

import org.jspecify.annotations.NullMarked;
