/**
 * The {@code s3} (and {@code s3_v2}) logging callback: one JSON object per call in the
 * bucket {@code s3_callback_params} names, under LiteLLM's key layout, written with the
 * AWS SDK's asynchronous client.
 */
@NullMarked
package dev.llmgw.gateway.logging.s3;

import org.jspecify.annotations.NullMarked;
