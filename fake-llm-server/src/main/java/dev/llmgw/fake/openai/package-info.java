/**
 * OpenAI shapes: chat completions (plain and streamed), embeddings, models and error
 * bodies.
 */
@NullMarked
package dev.llmgw.fake.openai;

import org.jspecify.annotations.NullMarked;
