package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.logs.LogValues;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.DeploymentFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model groups of the loaded config and of the models stored with /model/new,
 * resolved into an immutable {@link RegistrySnapshot}: a lookup is a map read for exact
 * names and aliases, and a pattern match only for names that fall through to a wildcard
 * entry ({@code openai/*}, {@code *}). A change of the stored models builds a new
 * snapshot and swaps it in, so lookups take no lock.
 */
public final class ModelRegistry {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	private final Map<String, String> aliases;

	private final DeploymentFactory factory;

	private final List<RegistrySnapshot.Entry> configured;

	private volatile RegistrySnapshot snapshot;

	public ModelRegistry(GatewayConfig config) {
		this.factory = new DeploymentFactory(config);
		this.aliases = config.routerSettings().modelGroupAlias();
		List<RegistrySnapshot.Entry> entries = new ArrayList<>();
		for (DeploymentConfig entry : config.modelList()) {
			entries.add(new RegistrySnapshot.Entry(entry, create(entry), false));
		}
		this.configured = List.copyOf(entries);
		this.snapshot = RegistrySnapshot.of(this.configured, 0);
		logUnavailable(this.configured);
	}

	/**
	 * Says once, at start-up, which deployments cannot be called yet and what to set: a
	 * catalog lists every provider, and an operator sets keys for some of them.
	 */
	private static void logUnavailable(List<RegistrySnapshot.Entry> entries) {
		Map<String, List<String>> bySetting = new TreeMap<>();
		for (RegistrySnapshot.Entry entry : entries) {
			String missing = entry.deployment().missingSetting();
			if (missing != null) {
				bySetting.computeIfAbsent(missing, (key) -> new ArrayList<>()).add(entry.deployment().modelName());
			}
		}
		bySetting.forEach((setting, models) -> log.warn("{} model(s) unavailable until {} is set: {}", models.size(),
				setting, String.join(", ", models.stream().map(LogValues::escape).toList())));
	}

	/**
	 * The group for a requested model: an exact name, an alias, then the first wildcard
	 * entry that matches.
	 * @param model the model the caller sent
	 * @return the group, or null when nothing answers to the name
	 */
	public @Nullable ModelGroup find(String model) {
		RegistrySnapshot current = this.snapshot;
		ModelGroup group = current.groups().get(model);
		if (group != null) {
			return group;
		}
		String target = this.aliases.get(model);
		if (target != null) {
			ModelGroup aliased = current.groups().get(target);
			if (aliased != null) {
				return aliased;
			}
		}
		return matchWildcard(current, model);
	}

	/**
	 * The group an alias (router_settings.model_group_alias) points to, or null when the
	 * name is no alias.
	 */
	public @Nullable String aliasTarget(String model) {
		return this.aliases.get(model);
	}

	/** The public names, in config order: groups, then aliases whose target exists. */
	public List<String> modelNames() {
		Map<String, ModelGroup> groups = this.snapshot.groups();
		List<String> names = new ArrayList<>(groups.keySet());
		this.aliases.forEach((alias, target) -> {
			if (groups.containsKey(target) && !names.contains(alias)) {
				names.add(alias);
			}
		});
		return names;
	}

	public Map<String, ModelGroup> groups() {
		return this.snapshot.groups();
	}

	/**
	 * The first model group with a deployment that fits, among those the caller may use;
	 * failing that the first that fits (which admission then refuses by name), or null
	 * when none fits: the default of routes whose SDKs may leave the model out.
	 */
	public @Nullable String firstGroup(Predicate<Deployment> fits, Predicate<String> allowed) {
		String first = null;
		for (ModelGroup group : groups().values()) {
			if (group.deployments().stream().anyMatch(fits)) {
				if (allowed.test(group.name())) {
					return group.name();
				}
				first = (first != null) ? first : group.name();
			}
		}
		return first;
	}

	/**
	 * Every deployment, config.yaml's first, a wildcard entry's under its pattern, as
	 * LiteLLM's /model/info lists them.
	 */
	public List<Deployment> deployments() {
		List<RegistrySnapshot.Entry> entries = this.snapshot.entries();
		List<Deployment> deployments = new ArrayList<>(entries.size());
		entries.forEach((entry) -> deployments.add(entry.deployment()));
		return deployments;
	}

	/** The deployment with this id (model_info.id), or null. */
	public @Nullable Deployment deployment(String id) {
		RegistrySnapshot.Entry entry = this.snapshot.byId().get(id);
		return (entry != null) ? entry.deployment() : null;
	}

	/**
	 * Whether the deployment was added with /model/new rather than configured (LiteLLM's
	 * {@code model_info.db_model}).
	 */
	public boolean isStored(String id) {
		RegistrySnapshot.Entry entry = this.snapshot.byId().get(id);
		return entry != null && entry.stored();
	}

	/** Whether config.yaml defines a deployment with this id. */
	public boolean isConfigured(String id) {
		RegistrySnapshot.Entry entry = this.snapshot.byId().get(id);
		return entry != null && !entry.stored();
	}

	/** Counts the model changes applied, so that a rendering can tell it is stale. */
	public long generation() {
		return this.snapshot.generation();
	}

	/**
	 * Replaces the stored models (each with its model_info.id) with these, keeping the
	 * deployments of unchanged entries. A stored id that config.yaml already uses is
	 * skipped: config.yaml wins, as its deployments cannot be edited.
	 * @param stored every stored model, as read from the database
	 */
	public synchronized void replaceStored(List<DeploymentConfig> stored) {
		RegistrySnapshot previous = this.snapshot;
		List<RegistrySnapshot.Entry> entries = new ArrayList<>(this.configured);
		Set<String> seen = new HashSet<>();
		this.configured.forEach((entry) -> seen.add(entry.deployment().id()));
		for (DeploymentConfig config : stored) {
			String id = config.modelInfo().id();
			if (id == null || !seen.add(id)) {
				log.warn("Stored model {} ({}) skipped: its id is missing or already in use", LogValues.escape(id),
						LogValues.escape(config.modelName()));
				continue;
			}
			RegistrySnapshot.Entry old = previous.byId().get(id);
			Deployment deployment = (old != null && old.stored() && old.config().equals(config)) ? old.deployment()
					: create(config);
			entries.add(new RegistrySnapshot.Entry(config, deployment, true));
		}
		this.snapshot = RegistrySnapshot.of(entries, previous.generation() + 1);
	}

	private Deployment create(DeploymentConfig entry) {
		return this.factory.create(entry, entry.modelName(), entry.params().providerModel());
	}

	private @Nullable ModelGroup matchWildcard(RegistrySnapshot current, String model) {
		List<Deployment> matches = null;
		for (DeploymentConfig entry : current.wildcards()) {
			String captured = WildcardPattern.capture(entry.modelName(), model);
			if (captured != null) {
				String providerModel = entry.params().providerModel().replace("*", captured);
				if (matches == null) {
					matches = new ArrayList<>(1);
				}
				matches.add(this.factory.create(entry, model, providerModel));
			}
		}
		return (matches == null) ? null : ModelGroup.of(model, matches);
	}

}
