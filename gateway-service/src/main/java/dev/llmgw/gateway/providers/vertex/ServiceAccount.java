package dev.llmgw.gateway.providers.vertex;

import java.security.interfaces.RSAPrivateKey;

import org.jspecify.annotations.Nullable;

/**
 * A service account ready to sign with: its key parsed once, when the deployment was
 * created. Never printed with its key.
 *
 * @param clientEmail the account
 * @param keyId its key's id, or null when the file names none
 * @param privateKey the key assertions are signed with
 * @param tokenUri Google's token endpoint, or the one the file names
 * @param projectId the account's project, or null
 * @param source where the credentials came from, for messages: a setting or a variable,
 * and a file's path
 */
record ServiceAccount(String clientEmail, @Nullable String keyId, RSAPrivateKey privateKey, String tokenUri,
		@Nullable String projectId, String source) {

	/**
	 * The same account as another deployment names it: its key is parsed once, its
	 * messages name this deployment's setting.
	 */
	ServiceAccount from(CredentialSource source) {
		String where = source.isJson() ? source.label() : source.label() + " (" + source.value() + ")";
		return where.equals(this.source) ? this : new ServiceAccount(this.clientEmail, this.keyId, this.privateKey,
				this.tokenUri, this.projectId, where);
	}

	/** Tokens are cached per account, key and token endpoint. */
	String cacheKey() {
		return this.clientEmail + "|" + this.keyId + "|" + this.tokenUri;
	}

	/** The account as messages name it. */
	String describe() {
		return "service account " + this.clientEmail + ((this.keyId != null) ? " (key " + this.keyId + ")" : "")
				+ " from " + this.source;
	}

	@Override
	public String toString() {
		return "ServiceAccount[" + describe() + "]";
	}

}
