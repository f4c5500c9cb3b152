/**
 * Message digests for both services, without a provider lookup per call.
 */
@NullMarked
package dev.llmgw.digest;

import org.jspecify.annotations.NullMarked;
