package dev.llmgw.gateway.storage;

/**
 * One column of a table and how its values travel between Java and SQL.
 *
 * @param name the column name
 * @param type its kind
 */
public record Column(String name, Type type) {

	/**
	 * Column kinds. JSON columns hold lists and maps as JSON text, so both databases
	 * store them alike.
	 */
	public enum Type {

		TEXT(String.class), DOUBLE(Double.class), LONG(Long.class), INTEGER(Integer.class), BOOLEAN(Boolean.class),
		TIMESTAMP(java.time.OffsetDateTime.class), JSON_LIST(String.class), JSON_MAP(String.class);

		private final Class<?> sqlType;

		Type(Class<?> sqlType) {
			this.sqlType = sqlType;
		}

		public Class<?> sqlType() {
			return this.sqlType;
		}

	}

	public static Column text(String name) {
		return new Column(name, Type.TEXT);
	}

	public static Column decimal(String name) {
		return new Column(name, Type.DOUBLE);
	}

	public static Column bigint(String name) {
		return new Column(name, Type.LONG);
	}

	public static Column integer(String name) {
		return new Column(name, Type.INTEGER);
	}

	public static Column bool(String name) {
		return new Column(name, Type.BOOLEAN);
	}

	public static Column timestamp(String name) {
		return new Column(name, Type.TIMESTAMP);
	}

	public static Column list(String name) {
		return new Column(name, Type.JSON_LIST);
	}

	public static Column map(String name) {
		return new Column(name, Type.JSON_MAP);
	}

}
