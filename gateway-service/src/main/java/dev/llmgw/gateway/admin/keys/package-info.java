/**
 * LiteLLM's virtual keys ({@code /key/*}): who may act on a key, what a key a non-admin
 * makes may hold, and the routes.
 */
@NullMarked
package dev.llmgw.gateway.admin.keys;

import org.jspecify.annotations.NullMarked;
