package dev.llmgw.middleware.prompts;

import dev.llmgw.model.openai.MiddlewareFields;
import org.jspecify.annotations.Nullable;

/**
 * A managed prompt's ARN,
 * {@code arn:aws:bedrock:<region>:<account>:prompt/<id>[:<version>]}
 * (shared/spec/middleware.md, "Managed prompts").
 *
 * @param region the prompt's region
 * @param id the prompt id
 * @param version its version, null for the draft
 */
public record PromptArn(String region, String id, @Nullable String version) {

	private static final String MARKER = MiddlewareFields.PROMPT_MARKER;

	public static @Nullable PromptArn parse(@Nullable String model) {
		if (model == null || !MiddlewareFields.isPromptArn(model)) {
			return null;
		}
		String[] parts = model.split(":", 6);
		String region = (parts.length > 3) ? parts[3] : "us-east-1";
		String rest = model.substring(model.indexOf(MARKER) + MARKER.length());
		int colon = rest.indexOf(':');
		return (colon < 0) ? new PromptArn(region, rest, null)
				: new PromptArn(region, rest.substring(0, colon), rest.substring(colon + 1));
	}

	String cacheKey() {
		return this.id + ":" + ((this.version != null) ? this.version : "DRAFT");
	}

}
