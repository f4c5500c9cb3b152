package dev.llmgw.fake.aws;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AwsChunkedTests {

	@Test
	void joinsSignedChunksAndReadsTheTrailers() {
		String body = "5;chunk-signature=aa\r\nhello\r\n" + "6;chunk-signature=bb\r\n world\r\n"
				+ "0;chunk-signature=cc\r\n" + "x-amz-checksum-crc32:DUoRhQ==\r\n"
				+ "x-amz-trailer-signature:dd\r\n\r\n";
		AwsChunked decoded = AwsChunked.decode(bytes(body));
		assertThat(new String(decoded.data(), StandardCharsets.UTF_8)).isEqualTo("hello world");
		assertThat(decoded.trailers()).containsEntry("x-amz-checksum-crc32", "DUoRhQ==")
			.containsEntry("x-amz-trailer-signature", "dd");
	}

	@Test
	void readsUnsignedChunksWithoutTrailers() {
		AwsChunked decoded = AwsChunked.decode(bytes("a\r\n0123456789\r\n0\r\n\r\n"));
		assertThat(new String(decoded.data(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
		assertThat(decoded.trailers()).isEmpty();
	}

	@Test
	void keepsCrlfInsideAChunk() {
		AwsChunked decoded = AwsChunked.decode(bytes("4\r\na\r\nb\r\n0\r\n"));
		assertThat(new String(decoded.data(), StandardCharsets.UTF_8)).isEqualTo("a\r\nb");
	}

	@Test
	void refusesATruncatedOrMalformedBody() {
		assertThatIllegalArgumentException().isThrownBy(() -> AwsChunked.decode(bytes("10\r\nshort\r\n0\r\n\r\n")));
		assertThatIllegalArgumentException().isThrownBy(() -> AwsChunked.decode(bytes("zz\r\nhello\r\n")));
		assertThatIllegalArgumentException().isThrownBy(() -> AwsChunked.decode(bytes("5\r\nhello\r\n")));
		assertThatIllegalArgumentException().isThrownBy(() -> AwsChunked.decode(bytes("7fffffff\r\nx\r\n")));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
