package dev.llmgw.gateway.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Request ids: random version-4 UUIDs drawn from the thread's own generator.
 * {@link UUID#randomUUID()} would share one SecureRandom across all event loops; a
 * request id needs uniqueness, not secrecy.
 */
public final class CallIds {

	private CallIds() {
	}

	/**
	 * Whether a caller-chosen id may be used: short, and of characters that cannot break
	 * a log line or a header.
	 */
	static boolean isAcceptable(@Nullable String id) {
		if (id == null || id.isEmpty() || id.length() > 128) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == ':';
			if (!safe) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A random version-4 UUID that never blocks: also for row ids written on an event
	 * loop.
	 */
	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

}
