/**
 * One access log line per request.
 */
@NullMarked
package dev.llmgw.gateway.accesslog;

import org.jspecify.annotations.NullMarked;
