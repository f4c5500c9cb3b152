package dev.llmgw.fake.google;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensTests {

	private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

	private Instant now = this.start;

	private final AccessTokens tokens = new AccessTokens(new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return AccessTokensTests.this.now;
		}

	});

	@Test
	void aTokenHoldsForItsLifetimeOnly() {
		String token = this.tokens.issue("sa@p.iam.gserviceaccount.com", Set.of(AccessGrant.CLOUD_PLATFORM));
		AccessGrant grant = this.tokens.find(token);
		assertThat(grant).isNotNull();
		assertThat(grant.allows(AccessGrant.CLOUD_PLATFORM)).isTrue();
		this.now = this.start.plus(Duration.ofSeconds(AccessTokens.LIFETIME_SECONDS - 1));
		assertThat(this.tokens.expired(grant)).isFalse();
		this.now = this.start.plus(Duration.ofSeconds(AccessTokens.LIFETIME_SECONDS));
		assertThat(this.tokens.expired(grant)).isTrue();
	}

	@Test
	void revokingForgetsEveryToken() {
		String token = this.tokens.issue("sa@p.iam.gserviceaccount.com", Set.of(AccessGrant.CLOUD_PLATFORM));
		this.tokens.revokeAll();
		assertThat(this.tokens.find(token)).isNull();
	}

}
