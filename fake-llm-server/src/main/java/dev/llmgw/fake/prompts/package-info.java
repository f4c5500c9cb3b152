/**
 * A stand-in for Bedrock Agents' prompt management (GetPrompt), serving prompts a test
 * stored.
 */
@NullMarked
package dev.llmgw.fake.prompts;

import org.jspecify.annotations.NullMarked;
