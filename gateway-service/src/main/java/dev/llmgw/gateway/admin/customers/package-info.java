/**
 * LiteLLM's end users ({@code /customer/*}, also {@code /end_user/*}): the {@code user}
 * of a request, with a budget of their own or a shared one.
 */
@NullMarked
package dev.llmgw.gateway.admin.customers;

import org.jspecify.annotations.NullMarked;
