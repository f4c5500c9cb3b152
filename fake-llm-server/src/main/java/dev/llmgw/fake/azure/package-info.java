/**
 * Azure OpenAI: the OpenAI routes under {@code /openai/deployments/{deployment}/...},
 * with Azure's required {@code api-version} and its own error bodies.
 */
@NullMarked
package dev.llmgw.fake.azure;

import org.jspecify.annotations.NullMarked;
