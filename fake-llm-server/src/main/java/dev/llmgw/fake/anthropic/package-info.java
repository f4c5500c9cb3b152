/**
 * Anthropic's Messages API: messages (plain and streamed as named server-sent events) and
 * Anthropic's error bodies.
 */
@NullMarked
package dev.llmgw.fake.anthropic;

import org.jspecify.annotations.NullMarked;
