package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.providers.Deployment;

/**
 * Everything {@link ModelRegistry} answers from, built whole and never changed
 * afterwards, so that a model change swaps one reference and a lookup never sees half of
 * it.
 *
 * @param groups the named groups, config.yaml's deployments first, then stored ones
 * @param wildcards the wildcard entries, tried in order after exact names and aliases
 * @param entries every entry with its deployment (a wildcard's with its pattern as name),
 * in order, for /model/info
 * @param byId the entries by deployment id
 * @param generation counts the swaps, so that renderings of the list can tell they are
 * stale
 */
record RegistrySnapshot(Map<String, ModelGroup> groups, List<DeploymentConfig> wildcards, List<Entry> entries,
		Map<String, Entry> byId, long generation) {

	static RegistrySnapshot of(List<Entry> entries, long generation) {
		Map<String, List<Deployment>> byName = new LinkedHashMap<>();
		List<DeploymentConfig> patterns = new ArrayList<>();
		Map<String, Entry> byId = new LinkedHashMap<>();
		for (Entry entry : entries) {
			byId.putIfAbsent(entry.deployment().id(), entry);
			if (entry.config().isWildcard()) {
				patterns.add(entry.config());
				continue;
			}
			byName.computeIfAbsent(entry.config().modelName(), (name) -> new ArrayList<>()).add(entry.deployment());
		}
		Map<String, ModelGroup> groups = new LinkedHashMap<>();
		byName.forEach((name, deployments) -> groups.put(name, ModelGroup.of(name, deployments)));
		return new RegistrySnapshot(Collections.unmodifiableMap(groups), List.copyOf(patterns), List.copyOf(entries),
				Collections.unmodifiableMap(byId), generation);
	}

	/**
	 * One model_list entry and its deployment.
	 *
	 * @param config the entry as configured or stored
	 * @param deployment its deployment
	 * @param stored whether it was added with /model/new (LiteLLM's db_model)
	 */
	record Entry(DeploymentConfig config, Deployment deployment, boolean stored) {

	}

}
