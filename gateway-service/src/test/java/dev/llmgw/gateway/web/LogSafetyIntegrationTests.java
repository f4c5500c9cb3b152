package dev.llmgw.gateway.web;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import dev.llmgw.gateway.support.ExternalServices;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller sends cannot forge a log line, and no secret reaches the log: checked on
 * the process's console output, as written by logback-spring.xml's encoders.
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class LogSafetyIntegrationTests extends GatewayTestBase {

	private static final AtomicReference<String> databaseUrl = new AtomicReference<>();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		databaseUrl.set(ExternalServices.newPostgresDatabase());
		registry.add("gateway.database-url", databaseUrl::get);
	}

	@Test
	void aModelNameWithALineBreakCannotForgeAnAccessLine(CapturedOutput output) throws Exception {
		String forged = "gpt-4o-mini\\nACCESS forged call_id=x GET /key/delete status=200\\r\\tACCESS forged-too";
		HttpResponse<String> response = post("/v1/chat/completions", chat(forged, "hi"));
		assertThat(response.statusCode()).isEqualTo(400);
		String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
		awaitAccessLine(output, callId);
		assertThat(Arrays.stream(output.getOut().split("[\\r\\n]")))
			.noneMatch((line) -> line.startsWith("ACCESS forged") || line.startsWith("\tACCESS forged"));
		assertThat(output.getOut()).contains("model=gpt-4o-mini\\nACCESS forged call_id=x");
	}

	@Test
	void aKeyInTheQueryStringStaysOutOfTheLogWhenTheDatabaseFails(CapturedOutput output) throws Exception {
		String secret = "sk-querysecret-" + Long.toHexString(System.nanoTime());
		assertThat(get("/key/info?key=" + secret).statusCode()).as("before the database fails").isEqualTo(404);
		// a database that answers with an error (an outage is a 503 the handler does not
		// trace): the failure is logged with its trace, where Spring adds the request
		// line
		execute("DROP TABLE api_keys CASCADE");
		HttpResponse<String> response = get(
				"/key/info?key=" + secret + "&api_key=" + secret + "x&token=" + secret + "y");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain(secret);
		String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
		awaitAccessLine(output, callId);
		assertThat(output.toString()).contains("call_id=" + callId + " unexpected failure")
			.contains("\"/key/info?key=****&api_key=****&token=****\"");
		assertThat(output.toString()).doesNotContain(secret.substring("sk-".length()));
	}

	/** The request's access line, written by a background thread. */
	private static void awaitAccessLine(CapturedOutput output, String callId) throws InterruptedException {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!output.getOut().contains("ACCESS call_id=" + callId) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(output.getOut()).contains("ACCESS call_id=" + callId);
	}

	private static void execute(String sql) throws Exception {
		String url = databaseUrl.get();
		String jdbc = "jdbc:postgresql://" + ExternalServices.postgresHost() + ":" + ExternalServices.postgresPort()
				+ url.substring(url.lastIndexOf('/'));
		String user = System.getenv().getOrDefault("PGUSER", "postgres");
		String password = System.getenv().getOrDefault("PGPASSWORD", "");
		try (Connection connection = DriverManager.getConnection(jdbc, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
