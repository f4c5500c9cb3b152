/**
 * LiteLLM's teams ({@code /team/*}, {@code /v2/team/list}): their members and roles,
 * budgets, limits and models.
 */
@NullMarked
package dev.llmgw.gateway.admin.teams;

import org.jspecify.annotations.NullMarked;
