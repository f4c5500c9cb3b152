package dev.llmgw.middleware.prompts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.model.openai.MiddlewareFields;
import org.jspecify.annotations.Nullable;

/**
 * A managed prompt's ARN,
 * {@code arn:aws:bedrock:<region>:<account>:prompt/<id>[:<version>]}
 * (shared/spec/middleware.md, "Managed prompts").
 *
 * @param region the prompt's region
 * @param account the account that owns it
 * @param id the prompt id
 * @param version its version, null for the draft
 */
public record PromptArn(String region, String account, String id, @Nullable String version) {

	/**
	 * Every part held to what AWS issues: the region becomes the host the prompt is
	 * fetched from, signed with the middleware's credentials, so a caller's
	 * {@code evil.example?} must never reach it.
	 */
	private static final Pattern ARN = Pattern.compile(
			"arn:aws:bedrock:([a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}):([0-9]{12}):prompt/([A-Za-z0-9]{1,64})(?::([A-Za-z0-9]{1,16}))?");

	/**
	 * @param model a request's model
	 * @return the ARN, or null when the model is not one, or is not well formed (see
	 * {@link #malformed})
	 */
	public static @Nullable PromptArn parse(@Nullable String model) {
		if (model == null || !MiddlewareFields.isPromptArn(model)) {
			return null;
		}
		Matcher matcher = ARN.matcher(model);
		if (!matcher.matches()) {
			return null;
		}
		return new PromptArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
	}

	/** Whether the model reads as a prompt ARN but is not a well-formed one. */
	public static boolean malformed(@Nullable String model) {
		return MiddlewareFields.isPromptArn(model) && parse(model) == null;
	}

	/** The whole ARN: the same id in another region or account is another prompt. */
	String cacheKey() {
		return this.region + ":" + this.account + ":" + this.id + ":"
				+ ((this.version != null) ? this.version : "DRAFT");
	}

}
