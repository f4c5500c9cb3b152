package dev.llmgw.gateway.ratelimit;

class LocalRateLimiterTests extends RateLimiterContractTests {

	private final LocalRateLimiter limiter = new LocalRateLimiter(CLOCK);

	@Override
	RateLimiter limiter() {
		return this.limiter;
	}

}
