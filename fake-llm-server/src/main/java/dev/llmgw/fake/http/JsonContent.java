package dev.llmgw.fake.http;

import tools.jackson.core.JsonGenerator;

/**
 * Writes one JSON value with a streaming generator: the replies are built field by field
 * because OpenAI's shapes mix fields that must be present as {@code null} with fields
 * that must be absent, and no intermediate tree is needed on the hot path.
 */
@FunctionalInterface
public interface JsonContent {

	void writeTo(JsonGenerator generator);

}
