/**
 * What every log line of the gateway goes through: caller values escaped so that none can
 * forge a line, and secrets masked in whatever is written. Depends on no other package,
 * so every feature may log through it.
 */
@NullMarked
package dev.llmgw.gateway.logs;

import org.jspecify.annotations.NullMarked;
