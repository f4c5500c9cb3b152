/**
 * Anthropic Messages API wire types (https://docs.anthropic.com/en/api/messages), for the
 * gateway's {@code /v1/messages} route. Content blocks stay as parsed JSON, since the
 * block kinds keep growing; unknown top-level fields are kept in {@code extra}.
 */
@NullMarked
package dev.llmgw.model.anthropic;

import org.jspecify.annotations.NullMarked;
