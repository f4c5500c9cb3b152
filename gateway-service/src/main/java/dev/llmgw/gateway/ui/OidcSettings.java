package dev.llmgw.gateway.ui;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.config.EnvironmentLookup;
import org.jspecify.annotations.Nullable;

/**
 * Single sign-on for the UI with any OpenID Connect provider (Okta first): the issuer the
 * middleware already trusts ({@code OKTA_ISSUER}), this application's client
 * ({@code OKTA_CLIENT_ID}, and {@code OKTA_CLIENT_SECRET} for a confidential client; PKCE
 * is always used), and LiteLLM's SSO switches.
 *
 * @param issuer the provider's issuer; its discovery document names the rest
 * @param clientId the UI's client at the provider
 * @param clientSecret sent to the token endpoint when set
 * @param baseUrl {@code PROXY_BASE_URL}: the public address the provider sends the
 * browser back to; without it, the address the browser used
 * @param allowedDomains {@code ALLOWED_EMAIL_DOMAINS}: when set, only these emails sign
 * in
 * @param proxyAdminId {@code PROXY_ADMIN_ID}: the provider's user id made proxy admin
 * @param newUserRole the role a first sign-in gets:
 * {@code default_internal_user_params.user_role}, else LiteLLM's
 * {@code internal_user_viewer}
 */
record OidcSettings(String issuer, String clientId, @Nullable String clientSecret, @Nullable String baseUrl,
		Set<String> allowedDomains, @Nullable String proxyAdminId, String newUserRole) {

	private static final Set<String> ROLES = Set.of(CallerIdentity.INTERNAL_USER, CallerIdentity.INTERNAL_USER_VIEWER,
			CallerIdentity.PROXY_ADMIN_VIEWER);

	/**
	 * @return the settings, or null when single sign-on is not configured
	 */
	static @Nullable OidcSettings from(EnvironmentLookup environment, Map<String, Object> litellmSettings) {
		String issuer = text(environment.get("OKTA_ISSUER"));
		String clientId = text(environment.get("OKTA_CLIENT_ID"));
		if (issuer == null || clientId == null) {
			return null;
		}
		if (!issuer.startsWith("https://") && !issuer.startsWith("http://")) {
			throw new IllegalStateException("OKTA_ISSUER must be an http(s) URL, got " + issuer);
		}
		String baseUrl = text(environment.get("PROXY_BASE_URL"));
		String domains = text(environment.get("ALLOWED_EMAIL_DOMAINS"));
		Set<String> allowed = (domains == null) ? Set.of()
				: Arrays.stream(domains.split(","))
					.map((domain) -> domain.strip().toLowerCase(Locale.ROOT))
					.filter((domain) -> !domain.isEmpty())
					.collect(Collectors.toUnmodifiableSet());
		String role = CallerIdentity.INTERNAL_USER_VIEWER;
		if (litellmSettings.get("default_internal_user_params") instanceof Map<?, ?> params
				&& params.get("user_role") instanceof String configured) {
			if (!ROLES.contains(configured)) {
				throw new IllegalStateException(
						"litellm_settings.default_internal_user_params.user_role must be one of " + ROLES
								+ " (an admin is made with PROXY_ADMIN_ID), got " + configured);
			}
			role = configured;
		}
		return new OidcSettings(stripSlash(issuer), clientId, text(environment.get("OKTA_CLIENT_SECRET")),
				(baseUrl != null) ? stripSlash(baseUrl) : null, allowed, text(environment.get("PROXY_ADMIN_ID")), role);
	}

	boolean emailAllowed(@Nullable String email) {
		if (this.allowedDomains.isEmpty()) {
			return true;
		}
		if (email == null || !plainEmail(email)) {
			return false;
		}
		return this.allowedDomains.contains(email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT));
	}

	/**
	 * One {@code @} between a local part and a domain, in printable ASCII without spaces:
	 * no second {@code @} to hide a domain behind, no lookalike letters that fold into
	 * another user's address.
	 */
	static boolean plainEmail(String email) {
		int at = email.indexOf('@');
		return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1 && email.length() <= 320
				&& email.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

	private static @Nullable String text(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
