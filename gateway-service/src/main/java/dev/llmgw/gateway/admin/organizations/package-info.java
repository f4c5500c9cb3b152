/**
 * LiteLLM's organizations ({@code /organization/*}): they group teams and users, and
 * their models bound their teams'.
 */
@NullMarked
package dev.llmgw.gateway.admin.organizations;

import org.jspecify.annotations.NullMarked;
