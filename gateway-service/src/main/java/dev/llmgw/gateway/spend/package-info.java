/**
 * What calls cost and who spent it: prices from the bundled LiteLLM price map or
 * model_info, and spend recorded after each response, in batches, once.
 */
@NullMarked
package dev.llmgw.gateway.spend;

import org.jspecify.annotations.NullMarked;
