/**
 * Rate limits (requests and tokens per minute, requests in flight) per key, user, team,
 * model per key and proxy, checked at admission in one Redis round trip, or in process
 * when no Redis is configured.
 */
@NullMarked
package dev.llmgw.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
