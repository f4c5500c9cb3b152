/**
 * The call pipeline: one model call from admission to account as named stages, whose
 * implementations live in the feature packages, and the end-of-call record handed to
 * listeners. Depends on the stage interfaces it declares, never on their implementations.
 */
@NullMarked
package dev.llmgw.gateway.engine;

import org.jspecify.annotations.NullMarked;
