/**
 * The shared Redis: one connection, its Lua scripts, and its health.
 */
@NullMarked
package dev.llmgw.gateway.redis;

import org.jspecify.annotations.NullMarked;
