/**
 * OpenAI Chat Completions and Embeddings wire types
 * (https://platform.openai.com/docs/api-reference/chat). Unknown fields are kept in each
 * record's {@code extra} map and written back, so that parameters this gateway does not
 * model pass through to the provider unchanged.
 */
@NullMarked
package dev.llmgw.model.openai;

import org.jspecify.annotations.NullMarked;
