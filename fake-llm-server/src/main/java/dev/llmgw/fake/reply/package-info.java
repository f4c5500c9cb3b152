/**
 * Deterministic reply text, word-based token counts and embedding vectors, shared by
 * every provider shape.
 */
@NullMarked
package dev.llmgw.fake.reply;

import org.jspecify.annotations.NullMarked;
