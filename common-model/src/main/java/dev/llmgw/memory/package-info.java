/**
 * The memory request bodies may hold across a whole process, shared by the gateway and
 * the middleware so that both bound it the same way.
 */
@NullMarked
package dev.llmgw.memory;

import org.jspecify.annotations.NullMarked;
