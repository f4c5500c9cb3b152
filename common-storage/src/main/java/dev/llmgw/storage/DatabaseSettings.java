package dev.llmgw.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where a service's database is, read once at start-up: a PostgreSQL URL in the
 * original's format ({@code postgresql://user:pass@host:port/db?sslmode=require}, also
 * {@code postgres://}), or, when none is given, an H2 file under the data directory that
 * keeps the quickstart's state across restarts.
 *
 * @param embedded true for the H2 file database
 * @param host PostgreSQL host
 * @param port PostgreSQL port
 * @param database PostgreSQL database, or the H2 file path
 * @param user the user
 * @param password the password, never printed
 * @param sslMode PostgreSQL sslmode (disable, allow, prefer, require, verify-ca,
 * verify-full)
 */
public record DatabaseSettings(boolean embedded, String host, int port, String database, String user, String password,
		String sslMode) {

	private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	/**
	 * @param dataDirectory where the file goes
	 * @param name the file's name, one per service so that two services on one machine
	 * never share an H2 file (H2 allows one process per file)
	 * @return the settings of the embedded database
	 */
	public static DatabaseSettings embedded(Path dataDirectory, String name) {
		String file = dataDirectory.resolve(name).toAbsolutePath().normalize().toString();
		return new DatabaseSettings(true, "", 0, file, "sa", "", "disable");
	}

	/**
	 * @param url the DATABASE_URL value
	 * @return its settings
	 * @throws InvalidDatabaseUrlException naming what is wrong, never the password
	 */
	public static DatabaseSettings parse(String url) {
		return parse("DATABASE_URL", url);
	}

	/**
	 * @param variable the setting's name, for messages
	 * @param url its value
	 * @return its settings
	 * @throws InvalidDatabaseUrlException naming what is wrong, never the password
	 */
	public static DatabaseSettings parse(String variable, String url) {
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDatabaseUrlException(
					variable + " is not a URL (expected postgresql://user:pass@host:port/db)");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
			throw new InvalidDatabaseUrlException(
					variable + " must start with postgresql:// or postgres://, got " + scheme + "://");
		}
		if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() <= 1) {
			throw new InvalidDatabaseUrlException(
					variable + " needs a host and a database: postgresql://user:pass@host:port/db");
		}
		String user = "postgres";
		String password = "";
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? "" : decode(userInfo.substring(colon + 1));
		}
		String sslMode = query(uri.getRawQuery()).getOrDefault("sslmode", "prefer");
		return new DatabaseSettings(false, uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432,
				decode(uri.getPath().substring(1)), user, password, sslMode);
	}

	/** The JDBC URL Flyway migrates through. */
	public String jdbcUrl() {
		if (this.embedded) {
			return "jdbc:h2:file:" + this.database + H2_OPTIONS;
		}
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database + "?sslmode=" + this.sslMode;
	}

	/** The H2 URL options, which the R2DBC side must share with the JDBC side. */
	public String h2Options() {
		return H2_OPTIONS;
	}

	/** For logs: where the database is, without credentials. */
	public String describe() {
		return this.embedded ? "embedded H2 database " + this.database
				: "PostgreSQL " + this.host + ":" + this.port + "/" + this.database;
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + "]";
	}

	private static Map<String, String> query(@Nullable String rawQuery) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					parameters.put(decode(pair.substring(0, equals)).toLowerCase(Locale.ROOT),
							decode(pair.substring(equals + 1)));
				}
			}
		}
		return parameters;
	}

	/** Percent-escapes only: in a URL's user info a {@code +} is a plus, not a space. */
	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
