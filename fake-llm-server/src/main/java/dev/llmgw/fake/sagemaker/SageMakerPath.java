package dev.llmgw.fake.sagemaker;

import dev.llmgw.fake.directive.DirectiveParser;
import dev.llmgw.fake.http.PathSegments;
import org.jspecify.annotations.Nullable;

/**
 * A SageMaker runtime path, {@code /endpoints/{EndpointName}/invocations} or
 * {@code /endpoints/{EndpointName}/invocations-response-stream}. Clients percent-encode
 * the name, so directive segments ({@code ;error=429}) may come encoded.
 *
 * @param endpoint the decoded endpoint name, directive segments included
 * @param stream whether this is InvokeEndpointWithResponseStream
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html">InvokeEndpoint</a>
 */
record SageMakerPath(String endpoint, boolean stream) {

	private static final String ENDPOINTS = "/endpoints/";

	private static final String INVOKE = "invocations";

	private static final String STREAM = "invocations-response-stream";

	static @Nullable SageMakerPath parse(String path) {
		String endpoint = PathSegments.between(path, ENDPOINTS, '/', false);
		if (endpoint == null) {
			return null;
		}
		String operation = path.substring(path.indexOf('/', ENDPOINTS.length()) + 1);
		if (operation.equals(INVOKE) || operation.equals(STREAM)) {
			return new SageMakerPath(endpoint, operation.equals(STREAM));
		}
		return null;
	}

	/**
	 * The path of a request URI, without its query string.
	 */
	static @Nullable SageMakerPath ofUri(String uri) {
		int query = uri.indexOf('?');
		return parse((query < 0) ? uri : uri.substring(0, query));
	}

	/**
	 * The endpoint's name without directive segments, as SageMaker knows it.
	 */
	String name() {
		return DirectiveParser.baseModel(this.endpoint);
	}

}
