/**
 * {@code GET /key/self}: who the presented credential is, for services that decide
 * ownership by it (the middleware's chat history).
 */
@NullMarked
package dev.llmgw.gateway.whoami;

import org.jspecify.annotations.NullMarked;
