/**
 * The fake LLM server: startup, options, request dispatch and the control endpoints
 * (health, stats).
 */
@NullMarked
package dev.llmgw.fake;

import org.jspecify.annotations.NullMarked;
