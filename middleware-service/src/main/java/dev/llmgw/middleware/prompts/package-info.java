/**
 * Bedrock managed prompts: a model id that is a prompt ARN is fetched with GetPrompt, its
 * {@code {{variables}}} filled, and called on the prompt's own model.
 */
@NullMarked
package dev.llmgw.middleware.prompts;

import org.jspecify.annotations.NullMarked;
