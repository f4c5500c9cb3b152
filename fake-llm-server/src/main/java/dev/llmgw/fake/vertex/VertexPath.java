package dev.llmgw.fake.vertex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.llmgw.fake.http.PathSegments;
import org.jspecify.annotations.Nullable;

/**
 * A Vertex AI publisher model method,
 * {@code /{v1|v1beta1}/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}}.
 * The model comes percent-decoded, so directive segments may be sent encoded or not; the
 * method follows the last colon, since a directive value may hold colons of its own.
 *
 * @param project the project id or number
 * @param location the region, or {@code global}
 * @param publisher {@code google} or a partner such as {@code anthropic}
 * @param model the model, directive segments included, e.g.
 * {@code claude-3-5-sonnet-v2@20241022}
 * @param method e.g. {@code generateContent} or {@code rawPredict}
 * @see <a href=
 * "https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models">projects.locations.publishers.models</a>
 */
record VertexPath(String project, String location, String publisher, String model, String method) {

	private static final Pattern PATH = Pattern
		.compile("/v1(?:beta1)?/projects/([^/]+)/locations/([^/]+)/publishers/([^/]+)/models/([^/]+):([A-Za-z]+)");

	static @Nullable VertexPath parse(String path) {
		Matcher matcher = PATH.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		return new VertexPath(matcher.group(1), matcher.group(2), matcher.group(3),
				PathSegments.decode(matcher.group(4)), matcher.group(5));
	}

	/**
	 * The model's resource name, as Vertex AI quotes it in errors.
	 */
	String resourceName() {
		return "projects/" + this.project + "/locations/" + this.location + "/publishers/" + this.publisher + "/models/"
				+ this.model;
	}

}
