package dev.llmgw.gateway.error;

import java.net.ConnectException;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFaultsTests {

	@Test
	void aConnectionThePoolCouldNotGetIsAnOutage() {
		// what Spring's R2DBC client raises when PostgreSQL refuses connections
		Throwable refused = new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
				new R2dbcNonTransientResourceException("[08003] Cannot connect", new ConnectException("refused")));
		assertThat(DatabaseFaults.isUnreachable(refused)).isTrue();
		assertThat(DatabaseFaults.isUnreachable(new IllegalStateException("wrapped", refused))).isTrue();
		assertThat(DatabaseFaults.isUnreachable(new R2dbcNonTransientResourceException("closed"))).isTrue();
	}

	@Test
	void aDatabaseThatAnsweredIsNoOutage() {
		assertThat(DatabaseFaults.isUnreachable(new DuplicateKeyException("key_alias taken"))).isFalse();
		assertThat(DatabaseFaults.isUnreachable(
				new BadSqlGrammarException("find", "SELECT", new R2dbcBadGrammarException("no such column"))))
			.isFalse();
		assertThat(DatabaseFaults.isUnreachable(new ConnectException("a provider refused"))).isFalse();
		assertThat(DatabaseFaults.isUnreachable(null)).isFalse();
	}

	@Test
	void theAnswerIsLiteLlmsServiceUnavailable() {
		ServiceUnavailableError error = ServiceUnavailableError.databaseUnreachable();
		assertThat(error.status()).isEqualTo(503);
		assertThat(error.type()).isEqualTo("no_db_connection");
		assertThat(error.code()).isEqualTo("503");
		assertThat(error.getMessage()).startsWith("Service Unavailable, the database is temporarily unreachable");
	}

}
