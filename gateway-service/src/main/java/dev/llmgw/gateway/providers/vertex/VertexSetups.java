package dev.llmgw.gateway.providers.vertex;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmgw.gateway.config.ConfigException;
import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.ProviderSetup;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves Vertex AI deployments' settings in LiteLLM's order, once per deployment when
 * it is created:
 * <ul>
 * <li>project: {@code vertex_project} (or {@code vertex_ai_project}), else
 * {@code VERTEXAI_PROJECT}, else the credentials' {@code project_id}; with none, a
 * config.yaml model stops the start naming it;</li>
 * <li>location: {@code vertex_location} (or {@code vertex_ai_location}), else
 * {@code VERTEXAI_LOCATION}, else {@value #DEFAULT_LOCATION};</li>
 * <li>credentials: see {@link CredentialSource}; each distinct file or JSON is read and
 * its key parsed once, and shared by the deployments that name it (a wildcard's matches
 * included).</li>
 * </ul>
 * Credentials that cannot be used stop the start, naming where they came from; absent
 * ones leave the model listed as unavailable until they are set, as a missing key does.
 */
public final class VertexSetups {

	static final String DEFAULT_LOCATION = "us-central1";

	private final EnvironmentLookup environment;

	private final ServiceAccounts accounts;

	/** Accounts by the path, JSON or map they were read from. */
	private final Map<Object, ServiceAccount> loaded = new ConcurrentHashMap<>();

	public VertexSetups(EnvironmentLookup environment) {
		this.environment = environment;
		this.accounts = new ServiceAccounts(JsonMapper.builder().build());
	}

	/**
	 * @param settings the deployment's provider settings
	 * @param path where its litellm_params are, e.g. {@code model_list[2].litellm_params}
	 * @param configured whether it is config.yaml's, which a bad setting stops at start;
	 * a stored model's calls answer the error instead
	 * @return the setup
	 * @throws ConfigException naming the setting, for a configured model
	 */
	public ProviderSetup setup(Map<String, Object> settings, String path, boolean configured) {
		String project = first(text(settings, "vertex_project"), text(settings, "vertex_ai_project"),
				set(this.environment.get("VERTEXAI_PROJECT")));
		String location = first(text(settings, "vertex_location"), text(settings, "vertex_ai_location"),
				set(this.environment.get("VERTEXAI_LOCATION")));
		String resolvedLocation = (location != null) ? location : DEFAULT_LOCATION;
		Object configuredCredentials = settings.containsKey("vertex_credentials") ? settings.get("vertex_credentials")
				: settings.get("vertex_ai_credentials");
		String unsetVariable = (configuredCredentials != null)
				? EnvironmentLookup.referencedVariable(configuredCredentials.toString()) : null;
		if (unsetVariable != null) {
			// listed as unavailable until the variable is set, as a missing key is
			return new VertexSetup(Mono.error(() -> missing(unsetVariable + " is not set")), unsetVariable);
		}
		CredentialSource source = source(configuredCredentials, path);
		if (source == null) {
			if (project == null) {
				return refuse(configured, path + ".vertex_project: no Google Cloud project for Vertex AI: set "
						+ "vertex_project, VERTEXAI_PROJECT, or credentials (vertex_credentials, VERTEXAI_CREDENTIALS, "
						+ "GOOGLE_APPLICATION_CREDENTIALS) whose project_id names it");
			}
			return new VertexSetup(Mono.error(() -> missing("set vertex_credentials, VERTEXAI_CREDENTIALS or "
					+ "GOOGLE_APPLICATION_CREDENTIALS to a service account key")), "vertex_credentials");
		}
		ServiceAccount account = this.loaded.get(source.value());
		if (account == null && !configured && Schedulers.isInNonBlockingThread()) {
			// a stored model, created on an event loop: its file is read on a worker
			// thread, once, at its first call
			Mono<VertexTarget> later = Mono.fromCallable(() -> target(load(source), project, resolvedLocation, path))
				.subscribeOn(Schedulers.boundedElastic())
				.onErrorMap(ConfigException.class, (ex) -> new BadRequestError(ex.getMessage(), null, "model"))
				.cache();
			return new VertexSetup(later, null);
		}
		try {
			account = (account != null) ? account.from(source) : load(source);
			return new VertexSetup(Mono.just(target(account, project, resolvedLocation, path)), null);
		}
		catch (ConfigException ex) {
			return refuse(configured, ex.getMessage());
		}
	}

	private ServiceAccount load(CredentialSource source) {
		ServiceAccount account = this.loaded.get(source.value());
		if (account != null) {
			return account.from(source);
		}
		account = this.accounts.load(source);
		this.loaded.putIfAbsent(source.value(), account);
		return account;
	}

	private static VertexTarget target(ServiceAccount account, @Nullable String project, String location, String path) {
		String resolved = (project != null) ? project : account.projectId();
		if (resolved == null) {
			throw new ConfigException(path + ".vertex_project: no Google Cloud project for Vertex AI: set "
					+ "vertex_project or VERTEXAI_PROJECT; the " + account.describe() + " names no project_id");
		}
		return new VertexTarget(resolved, location, account);
	}

	private @Nullable CredentialSource source(@Nullable Object configured, String path) {
		if (configured != null && !(configured instanceof String text && text.isBlank())) {
			return new CredentialSource(path + ".vertex_credentials", configured);
		}
		String variable = set(this.environment.get("VERTEXAI_CREDENTIALS"));
		if (variable != null) {
			return new CredentialSource("VERTEXAI_CREDENTIALS", variable);
		}
		String file = set(this.environment.get("GOOGLE_APPLICATION_CREDENTIALS"));
		return (file != null) ? new CredentialSource("GOOGLE_APPLICATION_CREDENTIALS", file) : null;
	}

	private static ProviderSetup refuse(boolean configured, String message) {
		if (configured) {
			throw new ConfigException(message);
		}
		return new VertexSetup(Mono.error(() -> new BadRequestError(message, null, "model")), null);
	}

	private static AuthenticationError missing(String what) {
		return new AuthenticationError("litellm.AuthenticationError: VertexAIException - no credentials: " + what);
	}

	private static @Nullable String text(Map<String, Object> settings, String name) {
		Object value = settings.get(name);
		if (value == null || EnvironmentLookup.referencedVariable(value.toString()) != null) {
			return null;
		}
		return set(value.toString());
	}

	private static @Nullable String set(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	private static @Nullable String first(@Nullable String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
