package dev.llmgw.gateway.providers.vertex;

/**
 * Where a Vertex AI deployment's service account comes from, in LiteLLM's order:
 * {@code vertex_credentials} (a file's path, the JSON itself, or a YAML map), else
 * {@code VERTEXAI_CREDENTIALS} (a path or the JSON), else the file
 * {@code GOOGLE_APPLICATION_CREDENTIALS} names. Never printed with its value, which may
 * be the key itself.
 *
 * @param label the setting or variable, for messages, e.g.
 * {@code model_list[2].litellm_params.vertex_credentials}
 * @param value a path, a JSON string or a map
 */
record CredentialSource(String label, Object value) {

	/** What the value is, never the value itself unless it is a path. */
	boolean isJson() {
		return !(this.value instanceof String text) || text.trim().startsWith("{");
	}

	@Override
	public String toString() {
		return "CredentialSource[" + this.label + "]";
	}

}
