/**
 * Wire records shared by the gateway and the middleware. No Spring and no Jackson
 * databind here: only the annotations, so that both services bind these records with
 * their own mapper.
 */
@NullMarked
package dev.llmgw.model;

import org.jspecify.annotations.NullMarked;
