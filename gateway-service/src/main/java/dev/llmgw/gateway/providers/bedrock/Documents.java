package dev.llmgw.gateway.providers.bedrock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/**
 * Converts between parsed JSON (maps, lists, strings, numbers, booleans, as Jackson reads
 * untyped JSON) and the AWS SDK's {@link Document}, which Converse uses for tool schemas,
 * tool inputs and additional model fields.
 */
final class Documents {

	private Documents() {
	}

	static Document from(@Nullable Object value) {
		if (value == null) {
			return Document.fromNull();
		}
		if (value instanceof String text) {
			return Document.fromString(text);
		}
		if (value instanceof Boolean bool) {
			return Document.fromBoolean(bool);
		}
		if (value instanceof Number number) {
			return Document.fromNumber(SdkNumber.fromString(number.toString()));
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Document> fields = new LinkedHashMap<>();
			map.forEach((key, field) -> fields.put(String.valueOf(key), from(field)));
			return Document.fromMap(fields);
		}
		if (value instanceof List<?> list) {
			List<Document> items = new ArrayList<>(list.size());
			list.forEach((item) -> items.add(from(item)));
			return Document.fromList(items);
		}
		return Document.fromString(value.toString());
	}

	/** The plain Java value of a document, with numbers as BigDecimal, for Jackson. */
	static @Nullable Object toPlain(@Nullable Document document) {
		if (document == null || document.isNull()) {
			return null;
		}
		if (document.isString()) {
			return document.asString();
		}
		if (document.isBoolean()) {
			return document.asBoolean();
		}
		if (document.isNumber()) {
			return new BigDecimal(document.asNumber().stringValue());
		}
		if (document.isList()) {
			List<@Nullable Object> items = new ArrayList<>();
			document.asList().forEach((item) -> items.add(toPlain(item)));
			return items;
		}
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		document.asMap().forEach((key, field) -> fields.put(key, toPlain(field)));
		return fields;
	}

}
