package dev.llmgw.storage;

/**
 * Which Flyway migrations a service owns. Two services may share one database (the
 * middleware falls back to the gateway's {@code DATABASE_URL}), so each keeps its own
 * history table and, when it finds the other's tables already there, starts its own
 * history at version 0 instead of refusing a non-empty schema.
 *
 * @param location the classpath folder of the service's migrations
 * @param historyTable Flyway's history table for them
 */
public record Migrations(String location, String historyTable) {

	/** The gateway's migrations, under Flyway's default names. */
	public static Migrations gateway() {
		return new Migrations("classpath:db/migration", "flyway_schema_history");
	}

}
