package dev.llmgw.cloud;

import org.jspecify.annotations.Nullable;

/**
 * A secret named by a {@code <NAME>_SECRET_ARN} variable: the secret's ARN (or name),
 * optionally followed by {@code #field} to take one field of a JSON secret.
 *
 * @param variable the variable the secret's value becomes, {@code NAME}
 * @param source the variable that named it, {@code NAME_SECRET_ARN}
 * @param secretId the ARN or name given to GetSecretValue
 * @param field the JSON field to read, or null
 * @param region the region of the ARN, or null for a name (the default region applies)
 */
public record SecretReference(String variable, String source, String secretId, @Nullable String field,
		@Nullable String region) {

	public static final String SUFFIX = "_SECRET_ARN";

	/**
	 * Parses a variable's value.
	 * @param source the variable's name, ending in {@code _SECRET_ARN}
	 * @param value its value
	 * @return the reference
	 * @throws CloudStartupException when the value is blank or a malformed ARN
	 */
	public static SecretReference parse(String source, String value) {
		String variable = source.substring(0, source.length() - SUFFIX.length());
		String trimmed = value.trim();
		String field = null;
		int hash = trimmed.indexOf('#');
		if (hash >= 0) {
			field = trimmed.substring(hash + 1);
			trimmed = trimmed.substring(0, hash);
		}
		if (trimmed.isEmpty() || (field != null && field.isEmpty())) {
			throw new CloudStartupException(
					source + ": expected a secret ARN (optionally #field), got \"" + value + "\"");
		}
		String region = null;
		if (trimmed.startsWith("arn:")) {
			String[] parts = trimmed.split(":", 7);
			if (parts.length < 7 || !parts[2].equals("secretsmanager") || !parts[5].equals("secret")
					|| parts[3].isEmpty()) {
				throw new CloudStartupException(source + ": not a Secrets Manager secret ARN: " + trimmed);
			}
			region = parts[3];
		}
		return new SecretReference(variable, source, trimmed, field, region);
	}

	/** The reference as an operator wrote it, for messages. */
	public String describe() {
		return this.secretId + ((this.field != null) ? "#" + this.field : "");
	}

}
