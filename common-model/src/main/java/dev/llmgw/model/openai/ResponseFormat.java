package dev.llmgw.model.openai;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A chat request's {@code response_format}: {@code text}, {@code json_object}, or
 * {@code json_schema} with its schema. Other types pass to OpenAI-compatible providers as
 * written; translators that cannot express them refuse them.
 *
 * @param type the format (required)
 * @param jsonSchema the schema of a {@code json_schema} format
 * @param extra any other field, passed through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(@JsonProperty("type") String type,
		@JsonProperty("json_schema") @Nullable JsonSchemaFormat jsonSchema,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	public static final String TEXT = "text";

	public static final String JSON_OBJECT = "json_object";

	public static final String JSON_SCHEMA = "json_schema";

	public ResponseFormat {
		if (type == null || type.isBlank()) {
			throw new IllegalArgumentException("type is required: text, json_object or json_schema");
		}
		if (JSON_SCHEMA.equals(type) && jsonSchema == null) {
			throw new IllegalArgumentException("json_schema is required when type is json_schema");
		}
		extra = (extra != null) ? extra : new LinkedHashMap<>();
	}

	public static ResponseFormat of(String type, @Nullable JsonSchemaFormat jsonSchema) {
		return new ResponseFormat(type, jsonSchema, new LinkedHashMap<>());
	}

	/**
	 * The schema the answer must follow: a {@code json_schema}'s schema, {@code {"type":
	 * "object"}} for {@code json_object}, null for text, other types and a
	 * {@code json_schema} without one.
	 */
	@JsonIgnore
	public @Nullable Map<String, @Nullable Object> schema() {
		if (JSON_SCHEMA.equals(this.type)) {
			return (this.jsonSchema != null) ? this.jsonSchema.schema() : null;
		}
		return JSON_OBJECT.equals(this.type) ? objectSchema() : null;
	}

	private static Map<String, @Nullable Object> objectSchema() {
		Map<String, @Nullable Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		return schema;
	}

	/**
	 * The {@code json_schema} of a structured output format.
	 *
	 * @param name the schema's name
	 * @param description what the answer holds
	 * @param schema the JSON schema
	 * @param strict OpenAI's strict adherence
	 * @param extra any other field, passed through
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record JsonSchemaFormat(@JsonProperty("name") @Nullable String name,
			@JsonProperty("description") @Nullable String description,
			@JsonProperty("schema") @Nullable Map<String, @Nullable Object> schema,
			@JsonProperty("strict") @Nullable Boolean strict,
			@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

		public JsonSchemaFormat {
			extra = (extra != null) ? extra : new LinkedHashMap<>();
		}

		public JsonSchemaFormat(@Nullable String name, @Nullable Map<String, @Nullable Object> schema,
				@Nullable Boolean strict) {
			this(name, null, schema, strict, new LinkedHashMap<>());
		}

	}

}
