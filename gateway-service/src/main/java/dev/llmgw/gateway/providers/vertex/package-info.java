/**
 * The adapter for Google Vertex AI, authorised by a service account's OAuth access token
 * (a JWT signed with the account's key, exchanged at its {@code token_uri}, cached until
 * shortly before it expires): Gemini through {@code generateContent} and
 * {@code streamGenerateContent?alt=sse}, Claude through {@code rawPredict} and
 * {@code streamRawPredict}, the text embedding models through {@code predict}
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest). The request and
 * answer bodies are Gemini's and Anthropic's own, translated by those packages.
 */
@NullMarked
package dev.llmgw.gateway.providers.vertex;

import org.jspecify.annotations.NullMarked;
