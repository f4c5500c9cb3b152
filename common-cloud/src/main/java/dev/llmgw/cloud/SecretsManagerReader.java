package dev.llmgw.cloud;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads secrets with GetSecretValue, one client per region (an ARN's region wins over the
 * default one). The endpoint comes from the SDK's standard
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} / {@code AWS_ENDPOINT_URL} settings.
 *
 * <p>
 * Which value a reference yields: with {@code #field}, that field of the JSON secret;
 * else, when the secret is a JSON object with a field named like the variable, that field
 * (so one secret can hold several variables); else the whole secret string.
 */
final class SecretsManagerReader implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JsonMapper json = JsonMapper.builder().build();

	private final SdkHttpClient http = UrlConnectionHttpClient.create();

	private final Map<String, SecretsManagerClient> clients = new HashMap<>();

	// one secret often holds several variables (the provider keys): it is fetched once
	private final Map<String, GetSecretValueResponse> fetched = new HashMap<>();

	String read(SecretReference reference) {
		GetSecretValueResponse response;
		try {
			response = this.fetched.computeIfAbsent(reference.secretId(),
					(id) -> client(reference.region()).getSecretValue((request) -> request.secretId(id)));
		}
		catch (ResourceNotFoundException ex) {
			throw new CloudStartupException(
					reference.source() + ": secret " + reference.secretId() + " not found (ResourceNotFoundException)",
					ex);
		}
		catch (SdkException ex) {
			// the SDK's messages name the request, never the secret's value
			throw new CloudStartupException(
					reference.source() + ": cannot read secret " + reference.secretId() + ": " + ex.getMessage(), ex);
		}
		String secret = response.secretString();
		if (secret == null) {
			throw new CloudStartupException(reference.source() + ": secret " + reference.secretId()
					+ " has no SecretString (binary secrets are not supported)");
		}
		return select(reference, secret);
	}

	private String select(SecretReference reference, String secret) {
		JsonNode object = jsonObject(secret);
		if (reference.field() != null) {
			JsonNode value = (object != null) ? object.get(reference.field()) : null;
			if (value == null || value.isNull() || value.isContainer()) {
				throw new CloudStartupException(reference.source() + ": secret " + reference.secretId()
						+ " has no text field \"" + reference.field() + "\"");
			}
			return value.asString();
		}
		JsonNode named = (object != null) ? object.get(reference.variable()) : null;
		return (named != null && named.isValueNode() && !named.isNull()) ? named.asString() : secret;
	}

	private @Nullable JsonNode jsonObject(String secret) {
		if (!secret.trim().startsWith("{")) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(secret);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			// a secret that merely starts with a brace is used as it is; the parser's
			// message could quote it, so it is not passed on
			return null;
		}
	}

	private SecretsManagerClient client(@Nullable String region) {
		return this.clients.computeIfAbsent((region != null) ? region : "", (key) -> {
			SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
				.httpClient(this.http)
				.overrideConfiguration((config) -> config.apiCallTimeout(TIMEOUT));
			if (!key.isEmpty()) {
				builder.region(Region.of(key));
			}
			return builder.build();
		});
	}

	@Override
	public void close() {
		this.clients.values().forEach(SecretsManagerClient::close);
		this.http.close();
	}

}
