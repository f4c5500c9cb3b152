/** The middleware's own OpenAI and admin paths, passed through to the gateway. */
@NullMarked
package dev.llmgw.middleware.passthrough;

import org.jspecify.annotations.NullMarked;
