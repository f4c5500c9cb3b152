package dev.llmgw.gateway.providers.aws;

import java.util.Map;

import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * Who a deployment signs its AWS calls as, from LiteLLM's parameters: keys given in
 * litellm_params (else {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} from
 * the environment, the config's {@code environment_variables} included), a named profile,
 * and a role to assume with them. Equal settings share one credentials provider. Never
 * printed with its keys.
 *
 * @param region the region STS is called in when a role is assumed
 * @param accessKeyId {@code aws_access_key_id}
 * @param secretAccessKey {@code aws_secret_access_key}
 * @param sessionToken {@code aws_session_token}
 * @param profile {@code aws_profile_name}
 * @param roleArn {@code aws_role_name}, the role to assume
 * @param sessionName {@code aws_session_name}, default {@value #DEFAULT_SESSION_NAME}
 * @param stsEndpoint {@code aws_sts_endpoint}
 */
public record AwsCredentialSettings(String region, @Nullable String accessKeyId, @Nullable String secretAccessKey,
		@Nullable String sessionToken, @Nullable String profile, @Nullable String roleArn, String sessionName,
		@Nullable String stsEndpoint) {

	public static final String DEFAULT_SESSION_NAME = "llm-gateway";

	/**
	 * @param params the deployment's litellm_params (its provider settings)
	 * @param region the region the deployment calls
	 * @param environment where the keys come from when the params name none
	 */
	public static AwsCredentialSettings of(Map<String, Object> params, String region, EnvironmentLookup environment) {
		String accessKey = text(params.get("aws_access_key_id"));
		String secretKey = text(params.get("aws_secret_access_key"));
		String sessionToken = text(params.get("aws_session_token"));
		if (accessKey == null && secretKey == null) {
			// read here too, not only by the SDK, so that the config's
			// environment_variables section counts, as it does in LiteLLM
			accessKey = set(environment.get("AWS_ACCESS_KEY_ID"));
			secretKey = set(environment.get("AWS_SECRET_ACCESS_KEY"));
			sessionToken = set(environment.get("AWS_SESSION_TOKEN"));
		}
		String sessionName = text(params.get("aws_session_name"));
		return new AwsCredentialSettings(region, accessKey, secretKey, sessionToken,
				text(params.get("aws_profile_name")), text(params.get("aws_role_name")),
				(sessionName != null) ? sessionName : DEFAULT_SESSION_NAME, text(params.get("aws_sts_endpoint")));
	}

	/**
	 * A litellm_params value, or null when absent or an unset {@code os.environ/NAME}.
	 */
	public static @Nullable String text(@Nullable Object value) {
		if (value == null || EnvironmentLookup.referencedVariable(value.toString()) != null) {
			return null;
		}
		return value.toString();
	}

	private static @Nullable String set(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

	@Override
	public String toString() {
		return "AwsCredentialSettings[" + this.region + ", keys " + ((this.accessKeyId != null) ? "given" : "absent")
				+ ", profile " + this.profile + ", role " + this.roleArn + "]";
	}

}
