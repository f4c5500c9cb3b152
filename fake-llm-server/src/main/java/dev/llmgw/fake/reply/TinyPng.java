package dev.llmgw.fake.reply;

/**
 * The image every image route returns: a valid 1x1 PNG, small enough to keep replies
 * fast, real enough that clients can decode it.
 */
public final class TinyPng {

	public static final String BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

	private TinyPng() {
	}

}
