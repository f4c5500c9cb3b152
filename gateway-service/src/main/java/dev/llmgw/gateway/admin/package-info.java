/**
 * LiteLLM's admin API: virtual keys, users, teams and customers (end users), stored in
 * the gateway database. The wire contract is shared/spec/admin-api.md.
 */
@NullMarked
package dev.llmgw.gateway.admin;

import org.jspecify.annotations.NullMarked;
