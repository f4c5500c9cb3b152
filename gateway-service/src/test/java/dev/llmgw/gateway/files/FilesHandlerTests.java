package dev.llmgw.gateway.files;

import java.nio.charset.StandardCharsets;

import dev.llmgw.gateway.error.UpstreamError;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the gateway makes of a provider's Files and Batch answers. */
class FilesHandlerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void anAnswerThatIsNoJsonObjectIsTheProvidersFault() {
		for (String body : new String[] { "<html>Bad gateway</html>", "[1, 2]", "null", "" }) {
			assertThatThrownBy(() -> FilesHandler.object(JSON, body.getBytes(StandardCharsets.UTF_8))).as(body)
				.isInstanceOfSatisfying(UpstreamError.class, (error) -> assertThat(error.status()).isEqualTo(502));
		}
		assertThat(FilesHandler.object(JSON, "{\"id\":\"file-1\"}".getBytes(StandardCharsets.UTF_8)))
			.containsEntry("id", "file-1");
	}

	@Test
	void idsAreCheckedWithoutBlamingTheCaller() {
		assertThat(ObjectIds.fits("file-abc_1.2")).isTrue();
		assertThat(ObjectIds.fits("../x")).isFalse();
		assertThat(ObjectIds.fits("a".repeat(256))).isFalse();
		assertThat(ObjectIds.fits("")).isFalse();
		assertThat(ObjectIds.fits("fïle")).isFalse();
	}

}
