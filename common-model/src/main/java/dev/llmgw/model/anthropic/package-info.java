/**
 * Anthropic Messages API wire types (https://docs.anthropic.com/en/api/messages), read
 * and written on both sides of the gateway: its own {@code /v1/messages} route and its
 * calls to Anthropic. Content blocks are one record for every kind, since the kinds keep
 * growing; unknown fields are kept in {@code extra}, or ignored where only read.
 */
@NullMarked
package dev.llmgw.model.anthropic;

import org.jspecify.annotations.NullMarked;
