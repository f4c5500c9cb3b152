/**
 * The route table of the OpenAI, Anthropic and legacy front ends, and the error handler
 * that answers each in its caller's protocol.
 */
@NullMarked
package dev.llmgw.gateway.routes;

import org.jspecify.annotations.NullMarked;
