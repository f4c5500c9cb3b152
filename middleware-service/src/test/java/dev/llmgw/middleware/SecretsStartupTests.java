package dev.llmgw.middleware;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.llmgw.middleware.support.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The middleware shares the gateway's start-up from Secrets Manager: a
 * {@code LITELLM_MASTER_KEY_SECRET_ARN} becomes the master key its Okta sign-up uses. The
 * real AWS SDK reaches the fake through {@code aws.endpointUrlSecretsManager}.
 */
class SecretsStartupTests {

	private static final List<String> PROPERTIES = List.of("aws.endpointUrlSecretsManager", "aws.accessKeyId",
			"aws.secretAccessKey", "aws.region");

	@AfterEach
	void clear() {
		PROPERTIES.forEach(System::clearProperty);
	}

	@Test
	void theMasterKeyComesFromItsSecret() throws Exception {
		String fake = LocalStack.shared().fakeUrl();
		String reply = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(fake + "/fake/secrets"))
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"name\":\"mw/master\",\"secretString\":\"sk-middleware-from-secret\"}"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		String arn = reply.substring(reply.indexOf("arn:"), reply.indexOf('"', reply.indexOf("arn:")));
		System.setProperty("aws.endpointUrlSecretsManager", fake);
		System.setProperty("aws.accessKeyId", "AKIDFAKE");
		System.setProperty("aws.secretAccessKey", "fake-secret");
		System.setProperty("aws.region", "us-east-1");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MiddlewareApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "LITELLM_MASTER_KEY=sk-not-this-one",
					"LITELLM_MASTER_KEY_SECRET_ARN=" + arn)
			.run()) {
			assertThat(context.getEnvironment().getProperty("middleware.master-key"))
				.isEqualTo("sk-middleware-from-secret");
		}
	}

}
