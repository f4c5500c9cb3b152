/**
 * Google's Gemini API: generate content (plain and streamed), embeddings, and Google's
 * RPC-status error bodies. The model is named in the path.
 */
@NullMarked
package dev.llmgw.fake.gemini;

import org.jspecify.annotations.NullMarked;
