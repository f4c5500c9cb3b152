package dev.llmgw.fake;

import java.util.List;

import dev.llmgw.fake.anthropic.AnthropicMessagesRoute;
import dev.llmgw.fake.azure.AzureErrors;
import dev.llmgw.fake.azure.AzureRoute;
import dev.llmgw.fake.bedrock.ApplyGuardrailRoute;
import dev.llmgw.fake.bedrock.BedrockConverseRoute;
import dev.llmgw.fake.bedrock.BedrockInvokeRoute;
import dev.llmgw.fake.cohere.CohereChatRoute;
import dev.llmgw.fake.cohere.CohereEmbedRoute;
import dev.llmgw.fake.cohere.CohereRerankRoute;
import dev.llmgw.fake.directive.FailureCounter;
import dev.llmgw.fake.gemini.GeminiEmbedRoute;
import dev.llmgw.fake.gemini.GeminiGenerateRoute;
import dev.llmgw.fake.google.GoogleOAuth;
import dev.llmgw.fake.google.GoogleTokenRoute;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.openai.OpenAiChatRoute;
import dev.llmgw.fake.openai.OpenAiEmbeddingsRoute;
import dev.llmgw.fake.openai.OpenAiFilesRoute;
import dev.llmgw.fake.openai.OpenAiImagesRoute;
import dev.llmgw.fake.openai.OpenAiModelsRoute;
import dev.llmgw.fake.openai.OpenAiModerationsRoute;
import dev.llmgw.fake.openai.OpenAiResponsesRoute;
import dev.llmgw.fake.openai.OpenAiSpeechRoute;
import dev.llmgw.fake.openai.OpenAiTranscriptionsRoute;
import dev.llmgw.fake.sagemaker.SageMakerRoute;
import dev.llmgw.fake.vertex.VertexRoute;

/**
 * The route table: each provider package contributes its routes here, tried in order.
 * Azure's come before OpenAI's, whose path suffixes would match them too, and Vertex AI's
 * before Gemini's, whose {@code /models/{model}:{method}} they hold too.
 */
final class ProviderRoutes {

	private ProviderRoutes() {
	}

	/**
	 * @param google the token endpoint's state, which Vertex AI's routes check tokens
	 * against
	 */
	static List<ProviderRoute> all(FailureCounter failures, GoogleOAuth google) {
		AnthropicMessagesRoute anthropic = new AnthropicMessagesRoute(failures);
		GeminiGenerateRoute gemini = new GeminiGenerateRoute(failures);
		return List.of(new AzureRoute("/chat/completions", new OpenAiChatRoute(failures, AzureErrors::send)),
				new AzureRoute("/embeddings", new OpenAiEmbeddingsRoute(failures, AzureErrors::send)),
				new AzureRoute("/images/generations", new OpenAiImagesRoute(failures, AzureErrors::send)),
				new AzureRoute("/audio/speech", new OpenAiSpeechRoute(failures, AzureErrors::send)),
				new AzureRoute("/audio/transcriptions", new OpenAiTranscriptionsRoute(failures, AzureErrors::send)),
				new OpenAiResponsesRoute(failures, "/openai/responses", AzureErrors::send),
				new OpenAiChatRoute(failures), new OpenAiEmbeddingsRoute(failures), new OpenAiImagesRoute(failures),
				new OpenAiResponsesRoute(failures), new OpenAiModerationsRoute(failures),
				new OpenAiSpeechRoute(failures), new OpenAiTranscriptionsRoute(failures), new OpenAiFilesRoute(),
				new OpenAiModelsRoute(failures), anthropic, new GoogleTokenRoute(google),
				new VertexRoute(google.tokens(), failures, gemini, anthropic), gemini, new GeminiEmbedRoute(failures),
				new CohereChatRoute(failures), new CohereEmbedRoute(failures), new CohereRerankRoute(failures),
				new BedrockConverseRoute(failures), new BedrockInvokeRoute(failures), new ApplyGuardrailRoute(),
				new SageMakerRoute(failures));
	}

}
