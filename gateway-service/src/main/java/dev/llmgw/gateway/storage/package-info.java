/**
 * The gateway database: PostgreSQL from {@code DATABASE_URL}, or an embedded H2 file
 * database in PostgreSQL mode when none is set, both migrated by Flyway at start-up and
 * used through R2DBC.
 */
@NullMarked
package dev.llmgw.gateway.storage;

import org.jspecify.annotations.NullMarked;
