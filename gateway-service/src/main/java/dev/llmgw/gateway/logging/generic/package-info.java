/**
 * LiteLLM's generic API logger ({@code generic_api}): every call's standard logging
 * payload posted as JSON to {@code GENERIC_LOGGER_ENDPOINT}, so any collector can receive
 * them.
 */
@NullMarked
package dev.llmgw.gateway.logging.generic;

import org.jspecify.annotations.NullMarked;
