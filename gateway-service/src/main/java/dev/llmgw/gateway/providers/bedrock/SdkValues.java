package dev.llmgw.gateway.providers.bedrock;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An AWS SDK model object as plain JSON values under Bedrock's own member names, through
 * the field list every SDK model publishes ({@link SdkPojo#sdkFields()}), so that parts
 * of a Converse response with no OpenAI counterpart (the guardrail trace) reach the
 * caller as Bedrock wrote them.
 */
final class SdkValues {

	private SdkValues() {
	}

	static @Nullable Object plain(@Nullable Object value) {
		if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
			return null;
		}
		if (value instanceof SdkPojo pojo) {
			Map<String, Object> fields = new LinkedHashMap<>();
			for (SdkField<?> field : pojo.sdkFields()) {
				Object converted = plain(field.getValueOrDefault(pojo));
				if (converted != null) {
					fields.put(field.locationName(), converted);
				}
			}
			return fields;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> items = new ArrayList<>(list.size());
			list.forEach((item) -> items.add(plain(item)));
			return items;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> entries = new LinkedHashMap<>();
			map.forEach((key, item) -> entries.put(String.valueOf(key), plain(item)));
			return entries;
		}
		if (value instanceof Document document) {
			return Documents.toPlain(document);
		}
		if (value instanceof SdkBytes bytes) {
			return Base64.getEncoder().encodeToString(bytes.asByteArray());
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return value.toString();
	}

}
