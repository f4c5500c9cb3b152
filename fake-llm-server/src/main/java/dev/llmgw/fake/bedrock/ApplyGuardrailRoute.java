package dev.llmgw.fake.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.PathSegments;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply},
 * Bedrock's ApplyGuardrail, played so that tests can make it decide:
 * <ul>
 * <li>a text holding {@code BLOCKME} is blocked (a denied topic), answered with the
 * guardrail's blocked message;</li>
 * <li>e-mail addresses and the word {@code MASKME} are anonymised to {@code {EMAIL}} and
 * {@code {NAME}}, the outputs holding each text masked;</li>
 * <li>anything else passes ({@code action: NONE});</li>
 * <li>an identifier holding {@code fail} answers 500, one holding {@code slow} answers
 * after 2 s, one holding {@code throttle} answers 429.</li>
 * </ul>
 * Each call is counted under the identifier, as models are.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ApplyGuardrail.html">ApplyGuardrail</a>
 */
public final class ApplyGuardrailRoute implements ProviderRoute {

	static final String BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";

	private static final String PREFIX = "/guardrail/";

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	@Override
	public boolean matches(HttpMethod method, String path) {
		return HttpMethod.POST.equals(method) && path.startsWith(PREFIX) && path.endsWith("/apply")
				&& path.contains("/version/");
	}

	@Override
	public Mono<Void> handle(ProviderCall call) {
		HttpServerResponse response = call.response();
		String identifier = PathSegments.between(call.path(), PREFIX, '/', false);
		JsonNode body;
		try {
			body = Json.read(call.body());
		}
		catch (JacksonException ex) {
			return BedrockErrors.validation(response,
					"Malformed input request, please reformat your input and try again.");
		}
		String source = body.path("source").asString("");
		if (identifier == null || !body.path("content").isArray()
				|| !(source.equals("INPUT") || source.equals("OUTPUT"))) {
			return BedrockErrors.validation(response, "1 validation error detected: source or content");
		}
		call.countModel("guardrail:" + identifier + ":" + source);
		String lower = identifier.toLowerCase(Locale.ROOT);
		if (lower.contains("fail")) {
			return BedrockErrors.reply(response, 500, "InternalServerException", "The guardrail failed (fake).");
		}
		if (lower.contains("throttle")) {
			return BedrockErrors.reply(response, 429, "ThrottlingException", "Too many requests (fake).");
		}
		List<String> texts = new ArrayList<>();
		for (JsonNode item : body.path("content")) {
			texts.add(item.at("/text/text").asString(""));
		}
		byte[] answer = decide(texts);
		return Replies.after(lower.contains("slow") ? 2000 : 0,
				() -> Replies.json(response, HttpResponseStatus.OK, answer));
	}

	@Override
	public Mono<Void> unauthorized(HttpServerResponse response) {
		return BedrockErrors.unrecognizedClient(response);
	}

	private static byte[] decide(List<String> texts) {
		boolean blocked = texts.stream().anyMatch((text) -> text.toUpperCase(Locale.ROOT).contains("BLOCKME"));
		List<String> masked = new ArrayList<>();
		List<String> found = new ArrayList<>();
		for (String text : texts) {
			Matcher email = EMAIL.matcher(text);
			StringBuilder out = new StringBuilder();
			while (email.find()) {
				found.add(email.group());
				email.appendReplacement(out, "{EMAIL}");
			}
			email.appendTail(out);
			String result = out.toString();
			if (result.contains("MASKME")) {
				found.add("MASKME");
				result = result.replace("MASKME", "{NAME}");
			}
			masked.add(result);
		}
		boolean anonymized = !found.isEmpty();
		return Json.write((json) -> {
			json.writeStartObject();
			json.writeObjectPropertyStart("usage");
			json.writeNumberProperty("topicPolicyUnits", texts.size());
			json.writeNumberProperty("sensitiveInformationPolicyUnits", texts.size());
			json.writeEndObject();
			json.writeStringProperty("action", (blocked || anonymized) ? "GUARDRAIL_INTERVENED" : "NONE");
			json.writeArrayPropertyStart("outputs");
			if (blocked) {
				json.writeStartObject();
				json.writeStringProperty("text", BLOCKED_MESSAGE);
				json.writeEndObject();
			}
			else if (anonymized) {
				for (String text : masked) {
					json.writeStartObject();
					json.writeStringProperty("text", text);
					json.writeEndObject();
				}
			}
			json.writeEndArray();
			json.writeArrayPropertyStart("assessments");
			json.writeStartObject();
			if (blocked) {
				json.writeObjectPropertyStart("topicPolicy");
				json.writeArrayPropertyStart("topics");
				json.writeStartObject();
				json.writeStringProperty("name", "Blocked topic");
				json.writeStringProperty("type", "DENY");
				json.writeStringProperty("action", "BLOCKED");
				json.writeEndObject();
				json.writeEndArray();
				json.writeEndObject();
			}
			if (anonymized) {
				json.writeObjectPropertyStart("sensitiveInformationPolicy");
				json.writeArrayPropertyStart("piiEntities");
				for (String match : found) {
					json.writeStartObject();
					json.writeStringProperty("type", match.equals("MASKME") ? "NAME" : "EMAIL");
					json.writeStringProperty("match", match);
					json.writeStringProperty("action", "ANONYMIZED");
					json.writeEndObject();
				}
				json.writeEndArray();
				json.writeEndObject();
			}
			json.writeEndObject();
			json.writeEndArray();
			json.writeEndObject();
		});
	}

}
