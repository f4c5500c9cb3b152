package dev.llmgw.fake.reply;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Unit-length vectors derived from the input text alone, so the same text always embeds
 * to the same vector, in every run and on every machine.
 */
public final class EmbeddingVectors {

	public static final int DEFAULT_DIMENSIONS = 8;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private EmbeddingVectors() {
	}

	public static float[] of(String text, int dimensions) {
		long state = seed(text);
		double[] raw = new double[dimensions];
		double sumOfSquares = 0;
		for (int i = 0; i < dimensions; i++) {
			state += 0x9e3779b97f4a7c15L;
			// top 53 bits of a SplitMix64 output, mapped to [-1, 1)
			raw[i] = (mix(state) >>> 11) * 0x1.0p-52 - 1.0;
			sumOfSquares += raw[i] * raw[i];
		}
		double norm = (sumOfSquares > 0) ? Math.sqrt(sumOfSquares) : 1.0;
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (raw[i] / norm);
		}
		return vector;
	}

	/**
	 * Encodes a vector as OpenAI does for {@code encoding_format: base64}: little-endian
	 * float32 values, base64 encoded.
	 */
	public static String base64(float[] vector) {
		ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : vector) {
			bytes.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(bytes.array());
	}

	private static long seed(String text) {
		long hash = FNV_OFFSET;
		for (int i = 0; i < text.length(); i++) {
			hash = (hash ^ text.charAt(i)) * FNV_PRIME;
		}
		return hash;
	}

	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
