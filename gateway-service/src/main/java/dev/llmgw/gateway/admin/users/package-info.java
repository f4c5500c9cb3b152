/**
 * LiteLLM's internal users ({@code /user/*}, {@code /spend/users}), each with a first key
 * unless told otherwise.
 */
@NullMarked
package dev.llmgw.gateway.admin.users;

import org.jspecify.annotations.NullMarked;
