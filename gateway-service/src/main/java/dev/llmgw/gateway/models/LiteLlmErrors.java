package dev.llmgw.gateway.models;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;

/**
 * The refusals of LiteLLM's model management endpoints. LiteLLM raises
 * {@code HTTPException(detail={"error": ...})} there and re-raises it as an
 * {@code auth_error} whose message is the Python repr of the detail
 * (shared/spec/admin-api.md §0), so scripts that match on it keep working.
 */
final class LiteLlmErrors {

	private static final String TYPE = "auth_error";

	private LiteLlmErrors() {
	}

	/**
	 * LiteLLM answers this with 500; a setting the operator has not turned on is the
	 * caller's 400 here, with LiteLLM's text.
	 */
	static BadRequestError storeDisabled() {
		return new BadRequestError(detail("Set `'STORE_MODEL_IN_DB='True'` in your env to enable this feature."), TYPE,
				null);
	}

	/** ModelManagementAuthChecks: only proxy admins manage models outside teams. */
	static PermissionDeniedError notAllowed(String role) {
		return new PermissionDeniedError(detail("User does not have permission to make this model call. Your role="
				+ role + ". You can only make model calls if you are a PROXY_ADMIN or if you are a team admin, "
				+ "by specifying a team_id in the model_info."), TYPE, null);
	}

	/** LiteLLM answers 400; an unknown id is a 404 here. */
	static NotFoundError notInDb(String id) {
		return new NotFoundError(detail("Model with id=" + id + " not found in db"), TYPE, "id");
	}

	static NotFoundError notOnProxy(String id) {
		return new NotFoundError(detail("Model id = " + id + " not found on litellm proxy"), TYPE, "litellm_model_id");
	}

	static BadRequestError inConfigEdit() {
		return new BadRequestError(
				detail("Can't edit model. Model in config. Store model in db via `/model/new`. to edit."), TYPE, "id");
	}

	static BadRequestError inConfigDelete(String id) {
		return new BadRequestError(
				detail("Can't delete model. Model id=" + id
						+ " is defined in config.yaml; only models added with `/model/new` can be deleted."),
				TYPE, "id");
	}

	static BadRequestError duplicate(String id) {
		return new BadRequestError(
				detail("Model id = " + id + " already exists. Please use a different model_info.id."), TYPE, "id");
	}

	/** Python's repr of {@code {'error': text}}. */
	static String detail(String text) {
		return "{'error': " + pythonString(text) + "}";
	}

	private static String pythonString(String text) {
		String escaped = text.replace("\\", "\\\\");
		if (text.contains("'") && !text.contains("\"")) {
			return "\"" + escaped + "\"";
		}
		return "'" + escaped.replace("'", "\\'") + "'";
	}

}
