/** The middleware's client of the gateway. */
@NullMarked
package dev.llmgw.middleware.upstream;

import org.jspecify.annotations.NullMarked;
