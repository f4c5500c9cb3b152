package dev.llmgw.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestsTests {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void knownAnswers() {
		// FIPS 180-2 and RFC 1321 test vectors
		assertThat(Digests.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(HEX.formatHex(Digests.sha1("abc".getBytes()))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
		assertThat(HEX.formatHex(Digests.md5("abc".getBytes()))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
		assertThat(Digests.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void stringsAreHashedAsUtf8() {
		assertThat(Digests.sha256("é\u0000ü")).isEqualTo(Digests.sha256("é\u0000ü".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void concurrentCallsDoNotShareState() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int seed = t;
				Callable<Boolean> work = () -> {
					for (int i = 0; i < 2_000; i++) {
						String text = "key-" + seed + "-" + i;
						byte[] expected = MessageDigest.getInstance("SHA-256")
							.digest(text.getBytes(StandardCharsets.UTF_8));
						if (!Arrays.equals(expected, Digests.sha256(text))) {
							return false;
						}
					}
					return true;
				};
				results.add(pool.submit(work));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
