package dev.llmgw.gateway.files;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import dev.llmgw.gateway.support.FakeLlmServerProcess;
import dev.llmgw.gateway.support.GatewayInstances;
import dev.llmgw.gateway.support.TestGatewayConfig;
import dev.llmgw.storage.DisposablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file the provider made but the gateway could not record, its PostgreSQL (this test's
 * own) having died between the two, is deleted at the provider at once: no key could ever
 * reach it, and the account would keep it, and bill it, for good.
 */
class FilesDatabaseOutageTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@Test
	@Timeout(120)
	void anUploadTheDatabaseCannotRecordIsDeletedAtTheProvider() throws Exception {
		try (DisposablePostgres postgres = DisposablePostgres.start()) {
			ConfigurableApplicationContext gateway = GatewayInstances.start("--gateway.data-dir=" + this.dir,
					"--gateway.database-url=" + postgres.newDatabase());
			try {
				String base = GatewayInstances.baseUrl(gateway);
				String kept = "kept-" + UUID.randomUUID() + ".jsonl";
				assertThat(upload(base, kept).statusCode()).isEqualTo(200);
				assertThat(providerFiles()).contains(kept);

				postgres.stop();
				String lost = "lost-" + UUID.randomUUID() + ".jsonl";
				HttpResponse<String> refused = upload(base, lost);
				assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(500).isNotEqualTo(500);
				assertThat(refused.body()).contains("\"error\"");
				assertThat(providerFiles()).as("the unrecorded upload is gone from the provider")
					.doesNotContain(lost)
					.contains(kept);
			}
			finally {
				gateway.close();
			}
		}
	}

	private static HttpResponse<String> upload(String base, String filename) throws Exception {
		String body = "--b\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nuser_data\r\n"
				+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n\r\n"
				+ "hello\r\n--b--\r\n";
		return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/files?model=gpt-4o-mini"))
			.header("Authorization", "Bearer " + TestGatewayConfig.MASTER_KEY)
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The provider account's own list, read from the fake directly. */
	private static String providerFiles() throws Exception {
		return HTTP
			.send(HttpRequest.newBuilder(URI.create(FakeLlmServerProcess.shared().baseUrl() + "/v1/files"))
				.header("Authorization", "Bearer fake-key")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
