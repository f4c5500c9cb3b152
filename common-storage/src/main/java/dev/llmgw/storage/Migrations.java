package dev.llmgw.storage;

/**
 * Which Flyway migrations a service owns. Two services may share one database (the
 * middleware falls back to the gateway's {@code DATABASE_URL}), so each keeps its own
 * history table and, when it finds the other's tables already there, starts its own
 * history at version 0 instead of refusing a non-empty schema.
 *
 * @param location the classpath folder of the service's migrations; {@code {vendor}} in
 * it stands for {@code postgresql} or {@code h2}, for migrations that differ between them
 * @param historyTable Flyway's history table for them
 */
public record Migrations(String location, String historyTable) {

	/**
	 * @param embedded whether the database is the embedded H2 one
	 * @return the folder to migrate from
	 */
	public String locationFor(boolean embedded) {
		return this.location.replace("{vendor}", embedded ? "h2" : "postgresql");
	}

	/** The gateway's migrations, under Flyway's default names. */
	public static Migrations gateway() {
		return new Migrations("classpath:db/migration", "flyway_schema_history");
	}

}
