package dev.llmgw.gateway.apidocs;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * JSON Schemas of the wire records, read from the records themselves: each component
 * under its JSON name ({@code @JsonProperty}), required unless it is {@code @Nullable},
 * and a record that keeps unknown fields ({@code @JsonAnySetter}) open to more. Done
 * once, when the description is first asked for; the records are the only source, so the
 * description cannot drift from what the gateway parses.
 */
final class RecordSchemas {

	private static final String PREFIX = "#/components/schemas/";

	private final Map<String, Object> components = new TreeMap<>();

	/** The schemas made so far, for {@code components.schemas}. */
	Map<String, Object> components() {
		return this.components;
	}

	/** A reference to a record's schema, made on first use. */
	Map<String, Object> ref(Class<?> record) {
		String name = record.getSimpleName();
		if (!this.components.containsKey(name)) {
			// reserved first, so that a record that contains itself ends
			this.components.put(name, Map.of());
			this.components.put(name, recordSchema(record));
		}
		return Map.of("$ref", PREFIX + name);
	}

	private Map<String, Object> recordSchema(Class<?> record) {
		for (RecordComponent component : record.getRecordComponents()) {
			if (annotated(component, field(record, component.getName()), JsonValue.class)) {
				// written as that one value (a tool choice: a string or an object)
				return schema(component.getGenericType());
			}
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		boolean open = false;
		for (RecordComponent component : record.getRecordComponents()) {
			Field field = field(record, component.getName());
			if (annotated(component, field, JsonIgnore.class)) {
				continue;
			}
			if (annotated(component, field, JsonAnySetter.class) || annotated(component, field, JsonAnyGetter.class)) {
				open = true;
				continue;
			}
			JsonProperty property = annotation(component, field, JsonProperty.class);
			String name = (property != null && !property.value().isEmpty()) ? property.value() : component.getName();
			properties.put(name, schema(component.getGenericType()));
			if (component.getType().isPrimitive()
					|| !component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
				required.add(name);
			}
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		if (!required.isEmpty()) {
			schema.put("required", required);
		}
		schema.put("additionalProperties", open);
		return schema;
	}

	private Map<String, Object> schema(Type type) {
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Collection.class.isAssignableFrom(raw)) {
				return Map.of("type", "array", "items", schema(arguments[0]));
			}
			if (Map.class.isAssignableFrom(raw)) {
				return Map.of("type", "object", "additionalProperties", schema(arguments[1]));
			}
			return schema(raw);
		}
		if (!(type instanceof Class<?> cls)) {
			return Map.of();
		}
		if (cls == String.class || cls == char.class || cls == Character.class) {
			return Map.of("type", "string");
		}
		if (cls == boolean.class || cls == Boolean.class) {
			return Map.of("type", "boolean");
		}
		if (cls == int.class || cls == long.class || cls == short.class || cls == Integer.class || cls == Long.class
				|| cls == Short.class) {
			return Map.of("type", "integer");
		}
		if (cls == double.class || cls == float.class || Number.class.isAssignableFrom(cls)) {
			return Map.of("type", "number");
		}
		if (cls.isEnum()) {
			List<String> values = new ArrayList<>();
			for (Object constant : cls.getEnumConstants()) {
				values.add(constant.toString());
			}
			return Map.of("type", "string", "enum", values);
		}
		if (cls.isRecord()) {
			return ref(cls);
		}
		if (Collection.class.isAssignableFrom(cls)) {
			return Map.of("type", "array");
		}
		if (Map.class.isAssignableFrom(cls)) {
			return Map.of("type", "object");
		}
		// Object, a JSON tree, a string-or-parts union: any JSON value
		return Map.of();
	}

	private static @Nullable Field field(Class<?> record, String name) {
		try {
			return record.getDeclaredField(name);
		}
		catch (NoSuchFieldException ex) {
			return null;
		}
	}

	private static boolean annotated(RecordComponent component, @Nullable Field field,
			Class<? extends java.lang.annotation.Annotation> annotation) {
		return annotation(component, field, annotation) != null;
	}

	/** An annotation wherever Java put it: the accessor, the field, or the component. */
	private static <A extends java.lang.annotation.Annotation> @Nullable A annotation(RecordComponent component,
			@Nullable Field field, Class<A> annotation) {
		for (AnnotatedElement element : new AnnotatedElement[] { component.getAccessor(), field, component }) {
			if (element != null && element.getAnnotation(annotation) != null) {
				return element.getAnnotation(annotation);
			}
		}
		return null;
	}

}
