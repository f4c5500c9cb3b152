package dev.llmgw.gateway.providers;

import org.jspecify.annotations.Nullable;

/**
 * What an adapter works out once for a deployment, when the deployment is created (a
 * credentials file read, a key parsed, a project looked up), so that its calls read
 * nothing from disk and never block an event loop. Adapters that need nothing of the kind
 * have none.
 */
public interface ProviderSetup {

	/**
	 * @return the setting that must be set before the deployment can be called, as
	 * {@link Deployment#missingSetting()} reports it, or null when nothing is missing
	 */
	@Nullable String missingSetting();

}
