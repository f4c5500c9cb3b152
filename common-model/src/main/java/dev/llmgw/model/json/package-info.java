/**
 * How the gateway's JSON mapper builds the model's records.
 */
@NullMarked
package dev.llmgw.model.json;

import org.jspecify.annotations.NullMarked;
