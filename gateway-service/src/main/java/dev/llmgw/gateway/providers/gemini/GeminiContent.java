package dev.llmgw.gateway.providers.gemini;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a Gemini conversation, in a request or a candidate's answer
 * (https://ai.google.dev/api/caching#Content).
 *
 * @param role {@code user} or {@code model}; none for a system instruction
 * @param parts what the turn holds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GeminiContent(@JsonProperty("role") @Nullable String role,
		@JsonProperty("parts") @JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<Part> parts) {

	/**
	 * One part (https://ai.google.dev/api/caching#Part): one of text, inline data, a
	 * file, a function call or a function's response; parts of kinds not named here (code
	 * execution, video metadata) are kept whole in {@link #extra}.
	 *
	 * @param text a text part's text
	 * @param thought whether the text is a thought summary
	 * @param thoughtSignature the signature a function call must be sent back with
	 * @param inlineData an inline file
	 * @param fileData a file by URI
	 * @param functionCall a call the model asks for
	 * @param functionResponse a call's result
	 * @param extra any other field
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Part(@JsonProperty("text") @Nullable String text, @JsonProperty("thought") @Nullable Boolean thought,
			@JsonProperty("thoughtSignature") @Nullable String thoughtSignature,
			@JsonProperty("inlineData") @Nullable Blob inlineData,
			@JsonProperty("fileData") @Nullable FileData fileData,
			@JsonProperty("functionCall") @Nullable FunctionCall functionCall,
			@JsonProperty("functionResponse") @Nullable FunctionResponse functionResponse,
			@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

		Part {
			extra = (extra != null) ? extra : new LinkedHashMap<>();
		}

		static Part text(String text) {
			return new Part(text, null, null, null, null, null, null, null);
		}

		static Part inline(String mimeType, String data) {
			return new Part(null, null, null, new Blob(mimeType, data), null, null, null, null);
		}

		static Part file(String mimeType, String fileUri) {
			return new Part(null, null, null, null, new FileData(mimeType, fileUri), null, null, null);
		}

		static Part call(String name, Object args, @Nullable String thoughtSignature) {
			return new Part(null, null, thoughtSignature, null, null, new FunctionCall(name, args), null, null);
		}

		static Part response(String name, Map<String, @Nullable Object> response) {
			return new Part(null, null, null, null, null, null, new FunctionResponse(name, response), null);
		}

		/** Whether this is answer text (not a thought summary). */
		@JsonIgnore
		boolean isAnswerText() {
			return this.text != null && !Boolean.TRUE.equals(this.thought);
		}

	}

	/**
	 * @param mimeType the data's type
	 * @param data base64
	 */
	record Blob(@JsonProperty("mimeType") String mimeType, @JsonProperty("data") String data) {
	}

	/**
	 * @param mimeType the file's type
	 * @param fileUri where it is
	 */
	record FileData(@JsonProperty("mimeType") String mimeType, @JsonProperty("fileUri") String fileUri) {
	}

	/**
	 * @param name the function
	 * @param args its arguments, an object (read as any value: a model's odd answer is
	 * sent on as no arguments rather than failing the call)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FunctionCall(@JsonProperty("name") @Nullable String name, @JsonProperty("args") @Nullable Object args) {
	}

	/**
	 * @param name the function
	 * @param response its result, an object
	 */
	record FunctionResponse(@JsonProperty("name") String name,
			@JsonProperty("response") Map<String, @Nullable Object> response) {
	}

}
