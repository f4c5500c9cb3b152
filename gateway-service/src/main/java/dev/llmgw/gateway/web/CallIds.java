package dev.llmgw.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: random version-4 UUIDs drawn from the thread's own generator.
 * {@link UUID#randomUUID()} would share one SecureRandom across all event loops; a
 * request id needs uniqueness, not secrecy.
 */
final class CallIds {

	private CallIds() {
	}

	static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

}
