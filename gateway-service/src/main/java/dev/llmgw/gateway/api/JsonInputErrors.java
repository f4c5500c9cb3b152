package dev.llmgw.gateway.api;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.llmgw.gateway.error.BadRequestError;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Jackson's refusals of a request body, told in the caller's terms: the JSON field and
 * the JSON type it must hold ({@code messages must be an array of message objects, not a
 * string}), as OpenAI does. Jackson's own messages name Java classes and parser features
 * ({@code java.util.ArrayList<...ChatMessage>}, {@code StreamReadFeature}), which mean
 * nothing to a caller and tell what the gateway is built with.
 */
final class JsonInputErrors {

	// Jackson says what it found as "from String value", "from Array value", "from String
	// "hot""
	private static final Pattern FOUND = Pattern.compile("from ([A-Z][\\w-]*)[ (]");

	// parser hints: "enable `JsonReadFeature.X` to allow", "(... Feature 'ALLOW_COMMENTS'
	// not enabled ...)"
	private static final Pattern FEATURE_HINT = Pattern
		.compile(":?\\s*enable `[^`]*` to allow|\\s*\\((?:[^()]|\\([^()]*\\))*Feature(?:[^()]|\\([^()]*\\))*\\)");

	private static final Pattern JAVA_NAME = Pattern.compile("\\s*\\(?(?:from )?`[^`]*`\\)?");

	private JsonInputErrors() {
	}

	/** A body that is JSON but does not fit the route's request type. */
	static BadRequestError unfitting(DatabindException ex) {
		String field = field(ex);
		String subject = (field != null) ? field : "The request body";
		if (ex instanceof InvalidNullException) {
			return new BadRequestError("Invalid request body: " + subject + " must not be null", null, field);
		}
		if (ex instanceof ValueInstantiationException && ex.getCause() != null && ex.getCause().getMessage() != null) {
			// our own records' checks: their messages are written for the caller
			return new BadRequestError("Invalid request body: " + subject + ": " + ex.getCause().getMessage(), null,
					field);
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			String expected = expected(mismatch.getTargetType(), declaredType(ex), noun(ex));
			String found = found(ex);
			return new BadRequestError("Invalid request body: " + subject + " must be " + expected
					+ ((found != null) ? ", not " + found : ""), null, field);
		}
		return new BadRequestError("Invalid request body: " + readable(ex.getOriginalMessage())
				+ ((field != null) ? " (at " + field + ")" : ""), null, field);
	}

	/** A body that is not JSON at all. */
	static BadRequestError malformed(JacksonException ex) {
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
		return new BadRequestError("Malformed JSON in request body" + where + ": " + readable(ex.getOriginalMessage()));
	}

	/** The field at fault as the caller wrote it, e.g. {@code messages[0].content}. */
	static @Nullable String field(DatabindException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? null : field.toString();
	}

	private static String expected(Class<?> target, @Nullable Type declared, @Nullable String noun) {
		if (target.isArray() || Collection.class.isAssignableFrom(target)) {
			Type element = element(declared);
			String elements = (element != null) ? plural(raw(element), noun) : null;
			return "an array" + ((elements != null) ? " of " + elements : "");
		}
		String scalar = scalar(target);
		if (scalar != null) {
			return scalar;
		}
		if (target.isEnum()) {
			return "a string";
		}
		return (noun != null) ? "a " + noun + " object" : "an object";
	}

	private static @Nullable String scalar(Class<?> type) {
		if (type == String.class || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == BigInteger.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
				|| type == BigDecimal.class) {
			return "a number";
		}
		return null;
	}

	private static @Nullable String plural(@Nullable Class<?> element, @Nullable String noun) {
		if (element == null || element == Object.class) {
			return null;
		}
		String scalar = scalar(element);
		if (scalar != null) {
			return scalar.substring(scalar.indexOf(' ') + 1) + "s";
		}
		if (element.isArray() || Collection.class.isAssignableFrom(element)) {
			return "arrays";
		}
		return (noun != null) ? noun + " objects" : "objects";
	}

	/**
	 * What the caller calls one of the field's items: {@code messages} hold messages.
	 */
	private static @Nullable String noun(DatabindException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		for (int i = path.size() - 1; i >= 0; i--) {
			String name = path.get(i).getPropertyName();
			if (name != null) {
				String words = name.replace('_', ' ');
				return words.endsWith("s") ? words.substring(0, words.length() - 1) : words;
			}
		}
		return null;
	}

	/** The declared (generic) type of the field at fault, for a list's item type. */
	private static @Nullable Type declaredType(DatabindException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		if (path.isEmpty()) {
			return null;
		}
		JacksonException.Reference last = path.get(path.size() - 1);
		Object from = last.from();
		String name = last.getPropertyName();
		if (from == null || name == null) {
			return null;
		}
		Class<?> owner = (from instanceof Class<?> type) ? type : from.getClass();
		if (owner.isRecord()) {
			for (RecordComponent component : owner.getRecordComponents()) {
				if (named(component, component.getName(), name)) {
					return component.getGenericType();
				}
			}
		}
		for (Class<?> type = owner; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field declared : type.getDeclaredFields()) {
				if (named(declared, declared.getName(), name)) {
					return declared.getGenericType();
				}
			}
		}
		return null;
	}

	private static boolean named(AnnotatedElement element, String javaName, String jsonName) {
		JsonProperty property = element.getAnnotation(JsonProperty.class);
		return (property != null && !property.value().isEmpty()) ? property.value().equals(jsonName)
				: javaName.equals(jsonName);
	}

	private static @Nullable Type element(@Nullable Type declared) {
		if (declared instanceof ParameterizedType parameterized
				&& !Map.class.isAssignableFrom(raw(parameterized.getRawType()))) {
			Type[] arguments = parameterized.getActualTypeArguments();
			return (arguments.length == 1) ? arguments[0] : null;
		}
		if (declared instanceof GenericArrayType array) {
			return array.getGenericComponentType();
		}
		if (declared instanceof Class<?> type && type.isArray()) {
			return type.getComponentType();
		}
		return null;
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized) {
			return raw(parameterized.getRawType());
		}
		return Object.class;
	}

	/** The JSON type the caller sent, when Jackson says. */
	private static @Nullable String found(DatabindException ex) {
		if (ex instanceof InvalidFormatException invalid && invalid.getValue() instanceof String) {
			return "a string";
		}
		String message = ex.getOriginalMessage();
		Matcher found = FOUND.matcher((message != null) ? message : "");
		if (!found.find()) {
			return null;
		}
		return switch (found.group(1)) {
			case "String" -> "a string";
			case "Array" -> "an array";
			case "Object" -> "an object";
			case "Boolean" -> "a boolean";
			case "Number", "Integer", "Floating-point" -> "a number";
			default -> null;
		};
	}

	/** Jackson's message without parser features or Java class names. */
	private static String readable(@Nullable String message) {
		if (message == null) {
			return "not valid JSON";
		}
		return JAVA_NAME.matcher(FEATURE_HINT.matcher(message).replaceAll("")).replaceAll("").strip();
	}

}
