package dev.llmgw.gateway.auth;

import java.util.List;

import dev.llmgw.gateway.error.AuthenticationError;
import org.jspecify.annotations.Nullable;

/**
 * Which model groups a caller may use: the key's, the team's and the user's
 * {@code models} lists, each empty for "all", each also allowing
 * {@code all-proxy-models}, wildcards such as {@code openai/*}, and for a key
 * {@code all-team-models}. A model must pass every list that applies, as in LiteLLM.
 *
 * @param keyModels the key's list
 * @param teamModels the key's team's list (empty without a team)
 * @param userModels the key's user's list (empty without a user)
 */
public record ModelAccess(List<String> keyModels, List<String> teamModels, List<String> userModels) {

	public static final ModelAccess ALL = new ModelAccess(List.of(), List.of(), List.of());

	private static final String ALL_PROXY_MODELS = "all-proxy-models";

	private static final String ALL_TEAM_MODELS = "all-team-models";

	public boolean allows(String model) {
		return refusal(model) == null;
	}

	/**
	 * @param model the requested model group
	 * @return the refusal, LiteLLM's 401 naming the list that refused, or null when the
	 * model is allowed
	 */
	public @Nullable AuthenticationError refusal(String model) {
		if (!listAllows(this.keyModels, model, true)) {
			return denied("key", this.keyModels, model);
		}
		if (!listAllows(this.teamModels, model, false)) {
			return denied("team", this.teamModels, model);
		}
		if (!listAllows(this.userModels, model, false)) {
			return denied("user", this.userModels, model);
		}
		return null;
	}

	private boolean listAllows(List<String> models, String model, boolean isKey) {
		if (models.isEmpty()) {
			return true;
		}
		for (String allowed : models) {
			if (allowed.equals(model) || allowed.equals(ALL_PROXY_MODELS) || allowed.equals("*")) {
				return true;
			}
			if (isKey && allowed.equals(ALL_TEAM_MODELS)) {
				return true;
			}
			int star = allowed.indexOf('*');
			if (star >= 0 && model.startsWith(allowed.substring(0, star))
					&& model.endsWith(allowed.substring(star + 1))) {
				return true;
			}
		}
		return false;
	}

	private static AuthenticationError denied(String who, List<String> models, String model) {
		return new AuthenticationError(who + " not allowed to access model. This " + who + " can only access models="
				+ pythonList(models) + ". Tried to access " + model, who + "_model_access_denied", "model");
	}

	/** LiteLLM prints the list as Python does, which scripts may match on. */
	static String pythonList(List<String> values) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < values.size(); i++) {
			text.append((i > 0) ? ", '" : "'").append(values.get(i)).append('\'');
		}
		return text.append(']').toString();
	}

}
