/**
 * Random keys and ids, drawn without blocking an event loop.
 */
@NullMarked
package dev.llmgw.ids;

import org.jspecify.annotations.NullMarked;
