package dev.llmgw.gateway.providers.vertex;

import java.net.URI;

import dev.llmgw.gateway.config.EnvironmentLookup;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;

/**
 * The URL of a Vertex AI model's method
 * (https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models):
 * {@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/{publisher}/models/{model}:{method}},
 * on {@code aiplatform.googleapis.com} for the {@code global} location, and
 * {@code .../endpoints/{id}:{method}} for a numeric model id (a tuned model's endpoint).
 * Gemini's stream asks for server-sent events with {@code ?alt=sse}; Claude's streams
 * them anyway.
 * <p>
 * {@code api_base} either replaces the host ({@code scheme://host[:port]}, no path: a
 * proxy, or the fake in tests) or, with a path, is the whole URL up to the model, to
 * which {@code :{method}} is appended (and {@code ?alt=sse} for any stream), as LiteLLM
 * takes it.
 */
final class VertexEndpoint {

	private VertexEndpoint() {
	}

	/**
	 * @param publisher {@code google} or {@code anthropic}
	 * @param method e.g. {@code generateContent}
	 * @param stream whether the method streams
	 */
	static String url(Deployment deployment, VertexTarget target, String publisher, String method, boolean stream) {
		String apiBase = deployment.apiBase();
		String root;
		if (apiBase != null) {
			String variable = EnvironmentLookup.referencedVariable(apiBase);
			if (variable != null) {
				throw new BadRequestError("No api_base for model " + deployment.modelName()
						+ " (vertex_ai): environment variable " + variable + " is not set", null, "model");
			}
			String path = URI.create(apiBase).getRawPath();
			if (path != null && !path.isEmpty() && !path.equals("/")) {
				return apiBase + ":" + method + (stream ? "?alt=sse" : "");
			}
			root = apiBase;
		}
		else {
			root = "global".equals(target.location()) ? "https://aiplatform.googleapis.com"
					: "https://" + target.location() + "-aiplatform.googleapis.com";
		}
		String model = deployment.providerModel();
		String where = "/v1/projects/" + target.project() + "/locations/" + target.location();
		String resource = isEndpointId(model) ? where + "/endpoints/" + model
				: where + "/publishers/" + publisher + "/models/" + model;
		boolean sse = stream && "google".equals(publisher);
		return root + resource + ":" + method + (sse ? "?alt=sse" : "");
	}

	private static boolean isEndpointId(String model) {
		return !model.isEmpty() && model.chars().allMatch(Character::isDigit);
	}

}
