/**
 * The database layer both services share: PostgreSQL from a LiteLLM-style URL, or an
 * embedded H2 file database in PostgreSQL mode when none is set, migrated by Flyway at
 * start-up and used through R2DBC.
 */
@NullMarked
package dev.llmgw.storage;

import org.jspecify.annotations.NullMarked;
