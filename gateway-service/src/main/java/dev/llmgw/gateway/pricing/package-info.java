/**
 * LiteLLM's price map and what a call costs.
 */
@NullMarked
package dev.llmgw.gateway.pricing;

import org.jspecify.annotations.NullMarked;
