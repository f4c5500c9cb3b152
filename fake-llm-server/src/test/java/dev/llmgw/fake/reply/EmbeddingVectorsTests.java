package dev.llmgw.fake.reply;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmbeddingVectorsTests {

	@Test
	void theSameTextAlwaysGivesTheSameVector() {
		assertThat(EmbeddingVectors.of("hello", 8)).containsExactly(EmbeddingVectors.of("hello", 8));
		assertThat(EmbeddingVectors.of("hello", 8)).isNotEqualTo(EmbeddingVectors.of("hello!", 8));
	}

	@Test
	void vectorsHaveUnitLength() {
		for (int dimensions : new int[] { 1, 8, 1536 }) {
			double sum = 0;
			for (float value : EmbeddingVectors.of("some text", dimensions)) {
				sum += value * value;
			}
			assertThat(sum).isCloseTo(1.0, within(1e-5));
		}
	}

	@Test
	void base64IsLittleEndianFloat32() {
		float[] vector = EmbeddingVectors.of("x", 4);
		ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(EmbeddingVectors.base64(vector)))
			.order(ByteOrder.LITTLE_ENDIAN);
		assertThat(bytes.remaining()).isEqualTo(16);
		for (float value : vector) {
			assertThat(bytes.getFloat()).isEqualTo(value);
		}
	}

}
