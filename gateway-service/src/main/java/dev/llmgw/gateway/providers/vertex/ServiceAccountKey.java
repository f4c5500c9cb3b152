package dev.llmgw.gateway.providers.vertex;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Google service account key file, the JSON that {@code vertex_credentials},
 * {@code VERTEXAI_CREDENTIALS} or {@code GOOGLE_APPLICATION_CREDENTIALS} name
 * (https://cloud.google.com/iam/docs/keys-create-delete#creating). Never printed: it
 * holds the private key.
 *
 * @param type {@code service_account}; other types (authorized_user, external_account)
 * are not supported
 * @param projectId the account's project, Vertex AI's project when none is configured
 * @param privateKeyId the key's id, the assertion's {@code kid}
 * @param privateKey the PKCS#8 PEM private key
 * @param clientEmail the account, the assertion's {@code iss}
 * @param tokenUri where the assertion is exchanged for an access token
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ServiceAccountKey(@JsonProperty("type") @Nullable String type,
		@JsonProperty("project_id") @Nullable String projectId,
		@JsonProperty("private_key_id") @Nullable String privateKeyId,
		@JsonProperty("private_key") @Nullable String privateKey,
		@JsonProperty("client_email") @Nullable String clientEmail,
		@JsonProperty("token_uri") @Nullable String tokenUri) {

	@Override
	public String toString() {
		return "ServiceAccountKey[" + this.clientEmail + ", key " + this.privateKeyId + "]";
	}

}
