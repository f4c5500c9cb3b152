package dev.llmgw.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTests {

	@Test
	void readsTheOriginalsDatabaseUrl() {
		DatabaseSettings settings = DatabaseSettings
			.parse("postgresql://llm:p%40ss:w0rd@db.internal:6543/litellm?sslmode=require");
		assertThat(settings.embedded()).isFalse();
		assertThat(settings.host()).isEqualTo("db.internal");
		assertThat(settings.port()).isEqualTo(6543);
		assertThat(settings.database()).isEqualTo("litellm");
		assertThat(settings.user()).isEqualTo("llm");
		assertThat(settings.password()).isEqualTo("p@ss:w0rd");
		assertThat(settings.sslMode()).isEqualTo("require");
		assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/litellm?sslmode=require");
		assertThat(settings.toString()).doesNotContain("p@ss");
	}

	@Test
	void aPlusInThePasswordStaysAPlus() {
		assertThat(DatabaseSettings.parse("postgresql://app:a+b%2Bc@db/app").password()).isEqualTo("a+b+c");
	}

	@Test
	void postgresSchemeAndDefaults() {
		DatabaseSettings settings = DatabaseSettings.parse("postgres://u@localhost/app");
		assertThat(settings.port()).isEqualTo(5432);
		assertThat(settings.password()).isEmpty();
		assertThat(settings.sslMode()).isEqualTo("prefer");
	}

	@Test
	void rejectsOtherUrlsWithoutShowingThem() {
		assertThatThrownBy(() -> DatabaseSettings.parse("mysql://root:secret@h/db"))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessageContaining("postgresql://")
			.hasMessageNotContaining("secret");
		assertThatThrownBy(() -> DatabaseSettings.parse("postgresql://u:secret@host"))
			.isInstanceOf(InvalidDatabaseUrlException.class)
			.hasMessageNotContaining("secret");
		assertThatThrownBy(() -> DatabaseSettings.parse("DATABASE_MIDDLEWARE_URL", "redis://h/0"))
			.hasMessageStartingWith("DATABASE_MIDDLEWARE_URL must start with postgresql://");
	}

	@Test
	void embeddedIsAnH2FileInPostgresMode() {
		DatabaseSettings settings = DatabaseSettings.embedded(Path.of("/tmp/llmgw-data"), "gateway");
		assertThat(settings.embedded()).isTrue();
		assertThat(settings.jdbcUrl()).isEqualTo(
				"jdbc:h2:file:/tmp/llmgw-data/gateway;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

}
