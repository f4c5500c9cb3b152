package dev.llmgw.middleware.bedrock;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bedrock's own answer to a guardrail that intervened, for a Converse caller that asked
 * for one with {@code guardrailConfig}. The gateway refuses such a call as LiteLLM does
 * (a 400 saying {@code Violated guardrail policy}); Bedrock instead answers 200 with the
 * guardrail's blocked message as the assistant's text and {@code stopReason}
 * {@code guardrail_intervened}, and that is what a boto3 or AWS SDK caller's code checks
 * for. Calls blocked by a guardrail the caller did not ask for (one that is on for every
 * call, or attached to the key) stay a {@code ValidationException}. An intervened turn is
 * not stored in a chat session: the blocked prompt would be sent again with every later
 * turn, and it holds what the guardrail caught.
 */
final class GuardrailInterventions {

	static final String STOP_REASON = "guardrail_intervened";

	private static final String VIOLATION = "Violated guardrail policy";

	private GuardrailInterventions() {
	}

	/**
	 * @param mapper reads the gateway's body
	 * @param chat the request sent to the gateway (a Converse request's
	 * {@code guardrailConfig} travels in it)
	 * @param status the gateway's status
	 * @param body the gateway's body
	 * @return an OpenAI chat completion standing for the intervention (the blocked
	 * message as its content, {@code finish_reason} {@link #STOP_REASON}, no usage), or
	 * null when this refusal is not one
	 */
	static @Nullable ObjectNode completion(JsonMapper mapper, JsonNode chat, int status, byte @Nullable [] body) {
		if (status != 400 || body == null || !chat.path("guardrailConfig").isObject()) {
			return null;
		}
		JsonNode error;
		try {
			error = mapper.readTree(body).path("error");
		}
		catch (JacksonException ex) {
			return null;
		}
		if (!VIOLATION.equals(error.path("message").asString(""))) {
			return null;
		}
		JsonNode details = error.path("provider_specific_fields");
		if (!chat.at("/guardrailConfig/guardrailIdentifier")
			.asString("")
			.equals(details.path("guardrailIdentifier").asString(null))) {
			// another guardrail (on for every call, or the key's) refused: an error, as
			// it was
			return null;
		}
		String text = details.path("bedrock_guardrail_response").asString("");
		ObjectNode completion = mapper.createObjectNode();
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.putObject("message").put("role", "assistant").put("content", text.isEmpty() ? VIOLATION : text);
		choice.put("finish_reason", STOP_REASON);
		completion.putObject("usage");
		if ("enabled".equals(chat.at("/guardrailConfig/trace").asString(""))) {
			completion.set("trace", trace(mapper, details));
		}
		return completion;
	}

	/**
	 * Converse's {@code trace.guardrail}: the assessments under the guardrail's
	 * identifier, as the input's assessment for a prompt check and as the output's for an
	 * answer check.
	 */
	private static ObjectNode trace(JsonMapper mapper, JsonNode details) {
		ObjectNode trace = mapper.createObjectNode();
		ObjectNode guardrail = trace.putObject("guardrail");
		String identifier = details.path("guardrailIdentifier").asString("");
		JsonNode assessments = details.path("assessments");
		if ("post_call".equals(details.path("guardrail_mode").asString(""))) {
			guardrail.putObject("outputAssessments").set(identifier, assessments);
		}
		else if (assessments.size() > 0) {
			guardrail.putObject("inputAssessment").set(identifier, assessments.get(0));
		}
		return trace;
	}

}
