/**
 * The admit stage: model access, the first deployment, rate limits and budgets at once.
 */
@NullMarked
package dev.llmgw.gateway.admission;

import org.jspecify.annotations.NullMarked;
