package dev.llmgw.gateway.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.error.AuthenticationError;
import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * LiteLLM's tag-based routing ({@code router_settings.enable_tag_filtering}): a request's
 * tags (the body's {@code tags} and {@code metadata.tags}, and the header
 * {@code x-litellm-tags}, comma-separated) keep to the deployments whose
 * {@code litellm_params.tags} match them, any one tag in common, or every request tag
 * with {@code tag_filtering_match_any: false}. When none matches, the deployments tagged
 * {@code default} take the call; when there are none of those either, the call is refused
 * with LiteLLM's 401. A request without tags goes to the {@code default} deployments when
 * the group has any, else to all.
 *
 * @param enabled whether tags filter at all
 * @param matchAny one tag in common suffices (LiteLLM's default), else all of the
 * request's
 */
public record TagFilter(boolean enabled, boolean matchAny) {

	public static final TagFilter OFF = new TagFilter(false, true);

	static final String HEADER = "x-litellm-tags";

	private static final String DEFAULT_TAG = "default";

	/** The request's routing tags, each once; empty when filtering is off. */
	public List<String> requestTags(Map<String, @Nullable Object> fields, HttpHeaders headers) {
		if (!this.enabled) {
			return List.of();
		}
		Set<String> tags = new LinkedHashSet<>();
		Map<?, ?> metadata = (fields.get("metadata") instanceof Map<?, ?> map) ? map : Map.of();
		for (Object list : new Object[] { fields.get("tags"), metadata.get("tags") }) {
			if (list instanceof List<?> items) {
				items.forEach((item) -> {
					if (item instanceof String tag && !tag.isBlank()) {
						tags.add(tag.trim());
					}
				});
			}
		}
		for (String header : headers.getOrEmpty(HEADER)) {
			for (String tag : header.split(",")) {
				if (!tag.isBlank()) {
					tags.add(tag.trim());
				}
			}
		}
		return List.copyOf(tags);
	}

	/**
	 * @param group the group's name, for the refusal
	 * @param deployments the group's deployments
	 * @param requestTags the request's tags
	 * @return the deployments that may take the call
	 * @throws AuthenticationError LiteLLM's refusal when tags leave none
	 */
	List<Deployment> filter(String group, List<Deployment> deployments, List<String> requestTags) {
		if (!this.enabled) {
			return deployments;
		}
		List<Deployment> defaults = new ArrayList<>();
		List<Deployment> matching = new ArrayList<>();
		for (Deployment deployment : deployments) {
			List<String> tags = tags(deployment);
			if (tags.contains(DEFAULT_TAG)) {
				defaults.add(deployment);
			}
			if (!requestTags.isEmpty() && matches(tags, requestTags)) {
				matching.add(deployment);
			}
		}
		if (requestTags.isEmpty()) {
			return defaults.isEmpty() ? deployments : defaults;
		}
		if (!matching.isEmpty()) {
			return matching;
		}
		if (!defaults.isEmpty()) {
			return defaults;
		}
		throw new AuthenticationError("Not allowed to access model due to tags configuration. Passed model=" + group
				+ " and tags=" + pythonList(requestTags), "auth_error", null);
	}

	private boolean matches(List<String> deploymentTags, List<String> requestTags) {
		return this.matchAny ? requestTags.stream().anyMatch(deploymentTags::contains)
				: deploymentTags.containsAll(requestTags);
	}

	private static List<String> tags(Deployment deployment) {
		if (deployment.params().providerSettings().get("tags") instanceof List<?> list) {
			List<String> tags = new ArrayList<>(list.size());
			list.forEach((tag) -> tags.add(String.valueOf(tag)));
			return tags;
		}
		return List.of();
	}

	/** As LiteLLM's message prints them: {@code ['a', 'b']}. */
	private static String pythonList(List<String> tags) {
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < tags.size(); i++) {
			out.append((i > 0) ? ", '" : "'").append(tags.get(i).replace("'", "\\'")).append('\'');
		}
		return out.append(']').toString();
	}

}
