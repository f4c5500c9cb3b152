/**
 * The adapter for Google AI Studio's Gemini API: chat through {@code generateContent} and
 * {@code streamGenerateContent?alt=sse}, embeddings through {@code batchEmbedContents}
 * (https://ai.google.dev/api/generate-content, https://ai.google.dev/api/embeddings).
 */
@NullMarked
package dev.llmgw.gateway.providers.gemini;

import org.jspecify.annotations.NullMarked;
