/**
 * The response cache stage of the call pipeline (LiteLLM's {@code cache: true}); today a
 * stage that never hits.
 */
@NullMarked
package dev.llmgw.gateway.cache;

import org.jspecify.annotations.NullMarked;
