package dev.llmgw.gateway.models;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredSecretsTests {

	private final StoredSecrets secrets = StoredSecrets.of("salt-key-1", "sk-master");

	@Test
	void secretValuesAreEncryptedAndReadBack() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("model", "openai/gpt-4o");
		params.put("api_key", "sk-provider-123");
		params.put("aws_secret_access_key", "wJalrXUtnFEMI");
		params.put("api_base", "https://api.example.com");
		params.put("rpm", 10);
		params.put("extra_headers", Map.of("X-Auth-Token", "tok-456", "X-Team", "blue"));
		params.put("azure_ad_token", "os.environ/AZURE_AD_TOKEN");

		Map<String, Object> sealed = this.secrets.seal(params);
		assertThat(String.valueOf(sealed)).doesNotContain("sk-provider-123", "wJalrXUtnFEMI", "tok-456");
		assertThat((String) sealed.get("api_key")).startsWith("enc:v1:");
		assertThat(sealed.get("model")).isEqualTo("openai/gpt-4o");
		assertThat(sealed.get("rpm")).isEqualTo(10);
		assertThat(sealed.get("azure_ad_token")).as("a reference names a variable, not a secret")
			.isEqualTo("os.environ/AZURE_AD_TOKEN");
		assertThat(((Map<?, ?>) sealed.get("extra_headers")).get("X-Team")).isEqualTo("blue");
		assertThat(this.secrets.seal(params).get("api_key")).as("a fresh nonce each time")
			.isNotEqualTo(sealed.get("api_key"));

		assertThat(this.secrets.open(sealed)).isEqualTo(params);
		assertThat(this.secrets.seal(sealed)).as("sealing twice changes nothing").isEqualTo(sealed);
	}

	@Test
	void theSaltKeyWinsOverTheMasterKeyAndAWrongKeyIsNamed() {
		Map<String, Object> sealed = this.secrets.seal(Map.of("api_key", "sk-provider-123"));
		assertThat(StoredSecrets.of("", "sk-master").enabled()).isTrue();
		assertThatThrownBy(() -> StoredSecrets.of(null, "sk-master").open(sealed)).isInstanceOf(ConfigException.class)
			.hasMessageContaining("LITELLM_SALT_KEY")
			.hasMessageNotContaining("sk-provider-123");
		assertThatThrownBy(() -> StoredSecrets.of(null, null).open(sealed)).isInstanceOf(ConfigException.class);
	}

	@Test
	void valuesStoredUnderAnotherKeyAreLeftOutForAnUpdateToReplace() {
		Map<String, Object> sealed = this.secrets.seal(Map.of("api_key", "sk-provider-123", "model", "openai/x"));
		java.util.List<String> lost = new java.util.ArrayList<>();
		Map<String, Object> readable = StoredSecrets.of("another-salt", null).openReadable(sealed, lost);
		assertThat(readable).containsOnlyKeys("model");
		assertThat(lost).containsExactly("api_key");
	}

	@Test
	void withoutAKeyValuesStayAsTheyAreAndOldRowsStillRead() {
		StoredSecrets none = StoredSecrets.of(null, " ");
		assertThat(none.enabled()).isFalse();
		assertThat(none.seal(Map.of("api_key", "sk-plain"))).containsEntry("api_key", "sk-plain");
		assertThat(this.secrets.open(Map.of("api_key", "sk-plain"))).containsEntry("api_key", "sk-plain");
	}

}
