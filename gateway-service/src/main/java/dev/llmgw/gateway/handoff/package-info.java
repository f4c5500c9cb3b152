/**
 * One hop for chat: the gateway serves chat itself and hands the middleware only the
 * requests that need it.
 */
@NullMarked
package dev.llmgw.gateway.handoff;

import org.jspecify.annotations.NullMarked;
