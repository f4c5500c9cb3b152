/**
 * Google Vertex AI: Gemini's generateContent, the embedding models' predict and Claude's
 * rawPredict under {@code /v1/projects/{project}/locations/{location}/publishers/...},
 * behind the OAuth access tokens that the fake's Google token endpoint issues.
 */
@NullMarked
package dev.llmgw.fake.vertex;

import org.jspecify.annotations.NullMarked;
