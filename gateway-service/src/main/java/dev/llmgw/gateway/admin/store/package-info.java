/**
 * The admin tables' rows as records, and each entity's store: the only place the admin
 * API reads and writes them.
 */
@NullMarked
package dev.llmgw.gateway.admin.store;

import org.jspecify.annotations.NullMarked;
