package dev.llmgw.gateway.config;

/**
 * A config.yaml that cannot be used: the message names the path of the bad value and the
 * value itself, e.g.
 * {@code model_list[3].litellm_params.rpm: expected integer, got "fast"}.
 */
public class ConfigException extends RuntimeException {

	public ConfigException(String message) {
		super(message);
	}

	public ConfigException(String message, Throwable cause) {
		super(message, cause);
	}

}
