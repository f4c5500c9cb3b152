package dev.llmgw.middleware.metrics;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may read {@code /metrics}: the master key, from any header the gateway reads keys
 * from, and nothing else; anyone when open; no one without a master key.
 */
class MetricsAccessTests {

	private static final String MASTER = "sk-master-0123456789";

	@Test
	void theMasterKeyReadsFromAnyKeyHeader() {
		MetricsAccess access = new MetricsAccess(false, MASTER);
		assertThat(access.allows(headers("Authorization", "Bearer " + MASTER))).isTrue();
		assertThat(access.allows(headers("Authorization", "bearer  " + MASTER + " "))).isTrue();
		assertThat(access.allows(headers("x-litellm-api-key", MASTER))).isTrue();
		assertThat(access.allows(headers("api-key", MASTER))).isTrue();
		assertThat(access.allows(headers("x-api-key", MASTER))).isTrue();
	}

	@Test
	void anyOtherKeyOrNoneIsRefused() {
		MetricsAccess access = new MetricsAccess(false, MASTER);
		assertThat(access.allows(new HttpHeaders())).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer sk-another"))).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer " + MASTER + "0"))).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer " + MASTER.substring(1)))).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer "))).isFalse();
		assertThat(access.closed()).isFalse();
	}

	@Test
	void withoutAMasterKeyNoKeyReads() {
		MetricsAccess access = new MetricsAccess(false, " ");
		assertThat(access.closed()).isTrue();
		assertThat(access.allows(new HttpHeaders())).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer  "))).isFalse();
		assertThat(access.allows(headers("Authorization", "Bearer sk-anything"))).isFalse();
	}

	@Test
	void openMetricsNeedNoKey() {
		MetricsAccess access = new MetricsAccess(true, "");
		assertThat(access.open()).isTrue();
		assertThat(access.closed()).isFalse();
		assertThat(access.allows(new HttpHeaders())).isTrue();
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return headers;
	}

}
