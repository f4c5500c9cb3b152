package dev.llmgw.cloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SecretReferenceTests {

	@Test
	void anArnNamesItsRegionAndAnOptionalField() {
		SecretReference reference = SecretReference.parse("DATABASE_URL_SECRET_ARN",
				"arn:aws:secretsmanager:eu-west-1:123456789012:secret:llmgw/db-AbCdEf#url");
		assertThat(reference.variable()).isEqualTo("DATABASE_URL");
		assertThat(reference.secretId())
			.isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:llmgw/db-AbCdEf");
		assertThat(reference.field()).isEqualTo("url");
		assertThat(reference.region()).isEqualTo("eu-west-1");
	}

	@Test
	void aPlainNameUsesTheDefaultRegion() {
		SecretReference reference = SecretReference.parse("LITELLM_MASTER_KEY_SECRET_ARN", " llmgw/master ");
		assertThat(reference.secretId()).isEqualTo("llmgw/master");
		assertThat(reference.field()).isNull();
		assertThat(reference.region()).isNull();
	}

	@Test
	void anotherServicesArnOrAnEmptyFieldIsRefusedNamingTheVariable() {
		assertThatExceptionOfType(CloudStartupException.class)
			.isThrownBy(() -> SecretReference.parse("OPENAI_API_KEY_SECRET_ARN", "arn:aws:s3:::bucket/key"))
			.withMessageStartingWith("OPENAI_API_KEY_SECRET_ARN: not a Secrets Manager secret ARN");
		assertThatExceptionOfType(CloudStartupException.class)
			.isThrownBy(() -> SecretReference.parse("OPENAI_API_KEY_SECRET_ARN", "name#"))
			.withMessageStartingWith("OPENAI_API_KEY_SECRET_ARN: expected a secret ARN");
	}

}
