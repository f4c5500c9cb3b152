package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.config.GatewayConfig;
import org.jspecify.annotations.Nullable;

/**
 * The model groups of the loaded config, resolved once: a lookup is a map read for exact
 * names and aliases, and a pattern match only for names that fall through to a wildcard
 * entry ({@code openai/*}, {@code *}).
 */
public final class ModelRegistry {

	private final Map<String, ModelGroup> groups;

	private final Map<String, String> aliases;

	private final List<DeploymentConfig> wildcards;

	private final DeploymentFactory factory;

	public ModelRegistry(GatewayConfig config) {
		this.factory = new DeploymentFactory(config);
		Map<String, List<Deployment>> byName = new LinkedHashMap<>();
		List<DeploymentConfig> patterns = new ArrayList<>();
		for (DeploymentConfig entry : config.modelList()) {
			if (entry.isWildcard()) {
				patterns.add(entry);
				continue;
			}
			byName.computeIfAbsent(entry.modelName(), (name) -> new ArrayList<>())
				.add(this.factory.create(entry, entry.modelName(), entry.params().providerModel()));
		}
		Map<String, ModelGroup> resolved = new LinkedHashMap<>();
		byName.forEach((name, deployments) -> resolved.put(name, ModelGroup.of(name, deployments)));
		this.groups = Collections.unmodifiableMap(resolved);
		this.aliases = config.routerSettings().modelGroupAlias();
		this.wildcards = List.copyOf(patterns);
	}

	/**
	 * The group for a requested model: an exact name, an alias, then the first wildcard
	 * entry that matches.
	 * @param model the model the caller sent
	 * @return the group, or null when nothing answers to the name
	 */
	public @Nullable ModelGroup find(String model) {
		ModelGroup group = this.groups.get(model);
		if (group != null) {
			return group;
		}
		String target = this.aliases.get(model);
		if (target != null && this.groups.containsKey(target)) {
			return this.groups.get(target);
		}
		return matchWildcard(model);
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
		List<String> names = new ArrayList<>(this.groups.keySet());
		this.aliases.forEach((alias, target) -> {
			if (this.groups.containsKey(target) && !names.contains(alias)) {
				names.add(alias);
			}
		});
		return names;
	}

	public Map<String, ModelGroup> groups() {
		return this.groups;
	}

	private @Nullable ModelGroup matchWildcard(String model) {
		List<Deployment> matches = new ArrayList<>(1);
		for (DeploymentConfig entry : this.wildcards) {
			String captured = WildcardPattern.capture(entry.modelName(), model);
			if (captured != null) {
				String providerModel = entry.params().providerModel().replace("*", captured);
				matches.add(this.factory.create(entry, model, providerModel));
			}
		}
		return matches.isEmpty() ? null : ModelGroup.of(model, matches);
	}

}
