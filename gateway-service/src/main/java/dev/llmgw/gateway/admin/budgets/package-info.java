/**
 * LiteLLM's named budgets ({@code /budget/*}), which end users share.
 */
@NullMarked
package dev.llmgw.gateway.admin.budgets;

import org.jspecify.annotations.NullMarked;
