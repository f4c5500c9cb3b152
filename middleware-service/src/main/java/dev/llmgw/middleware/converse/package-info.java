/**
 * Shapes of Bedrock's Converse API that more than one feature writes: the Converse routes
 * translate tool calls both ways, and chat history shows stored tool calls as Converse
 * {@code toolUse} blocks.
 */
@NullMarked
package dev.llmgw.middleware.converse;

import org.jspecify.annotations.NullMarked;
