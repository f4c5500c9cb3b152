/**
 * Cohere's v2 API: chat (plain and streamed as named server-sent events), embed, and
 * Cohere's {@code {"message"}} error bodies.
 */
@NullMarked
package dev.llmgw.fake.cohere;

import org.jspecify.annotations.NullMarked;
