/**
 * Budgets that stop spending at the limit under concurrent load: each call reserves its
 * estimated cost at admission, on every budget it is charged to, and settles its actual
 * cost when it ends.
 */
@NullMarked
package dev.llmgw.gateway.budget;

import org.jspecify.annotations.NullMarked;
