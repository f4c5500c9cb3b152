package dev.llmgw.gateway.guardrails;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the config's {@code guardrails:} list, as LiteLLM names it.
 *
 * @param name {@code guardrail_name}, how requests, keys and teams name it
 * @param kind {@code litellm_params.guardrail}: {@code bedrock} or
 * {@code litellm_content_filter}
 * @param modes when it runs: {@code pre_call}, {@code during_call}, {@code post_call}
 * @param defaultOn {@code default_on}: on every call, named or not
 * @param failOpen the gateway's own {@code fail_on_error: false}: a guardrail that cannot
 * be reached lets the call go on (counted) instead of refusing it
 * @param timeout how long one check may take
 * @param params {@code litellm_params} as written, for the guardrail's own settings and,
 * masked, for {@code /guardrails/list}
 * @param info {@code guardrail_info}
 */
record GuardrailSpec(String name, String kind, Set<Mode> modes, boolean defaultOn, boolean failOpen, Duration timeout,
		Map<String, Object> params, @Nullable Map<String, Object> info) {

	/** LiteLLM's event hooks that the gateway runs. */
	enum Mode {

		PRE_CALL("pre_call"), DURING_CALL("during_call"), POST_CALL("post_call");

		private final String value;

		Mode(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

		static @Nullable Mode of(String value) {
			for (Mode mode : values()) {
				if (mode.value.equals(value)) {
					return mode;
				}
			}
			return null;
		}

	}

}
