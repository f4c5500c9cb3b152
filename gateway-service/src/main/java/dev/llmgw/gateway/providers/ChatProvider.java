package dev.llmgw.gateway.providers;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.model.openai.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider adapter for chat completions: takes an OpenAI-form request, speaks the
 * provider's protocol and answers in OpenAI form. Failures are
 * {@link dev.llmgw.gateway.error.GatewayError}s.
 */
public interface ChatProvider {

	Mono<ChatResult> complete(ProviderCall call);

	/**
	 * Streams the answer as OpenAI server-sent-event frames ({@code data: {...}\n\n}),
	 * ending with {@code data: [DONE]}. A failure before the first frame is signalled as
	 * an error so that the caller still gets a status code; the tally records usage and
	 * whether a frame has gone out.
	 * @param call the call
	 * @param tally filled while the stream passes
	 * @return the frames
	 */
	Flux<byte[]> stream(ProviderCall call, StreamTally tally);

	/**
	 * Embeds, answering in OpenAI form.
	 * @param call the call
	 * @return the OpenAI embeddings list and its usage
	 */
	Mono<ChatResult> embed(EmbeddingCall call);

	/**
	 * Ranks documents by their relevance to a query, answering in LiteLLM's rerank shape
	 * ({@link RerankAnswer}).
	 * @param call the call
	 * @return the ranked documents, the search units billed in the usage
	 */
	default Mono<ChatResult> rerank(RerankCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") cannot rerank", null, "model"));
	}

	/**
	 * Classifies text (and images) as OpenAI's moderation endpoint does, answering in its
	 * form ({@code {"id", "model", "results": [...]}}).
	 * @param call the call
	 * @return the moderation; its usage is {@link Usage#NONE}
	 */
	default Mono<ChatResult> moderate(ModerationCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") cannot moderate", null, "model"));
	}

	/**
	 * Reads text aloud, streaming the audio as the provider sends it.
	 * @param call the call
	 * @return the audio's bytes
	 */
	default Flux<byte[]> speak(SpeechCall call) {
		return Flux.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") cannot generate speech", null, "model"));
	}

	/**
	 * Transcribes audio, answering in the provider's form for the asked
	 * {@code response_format} (JSON, or text, srt or vtt).
	 * @param call the call
	 * @return the transcription; its usage the provider's tokens, or the seconds heard
	 * under {@link TranscriptionCall#AUDIO_SECONDS}
	 */
	default Mono<ChatResult> transcribe(TranscriptionCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") cannot transcribe audio", null, "model"));
	}

	/**
	 * A request to the provider's Files or Batch API, answered as the provider wrote it.
	 * @param call the call
	 * @return the provider's answer (a JSON object, or a file's content)
	 */
	default Mono<ChatResult> files(FilesCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") has no Files or Batch API", null, "model"));
	}

	/**
	 * A file's content ({@code GET /files/{id}/content}), relayed as the provider sends
	 * it; by default, the whole answer of {@link #files(FilesCall)}.
	 * @param call the call
	 * @return the content, piece by piece
	 */
	default Flux<byte[]> fileContent(FilesCall call) {
		return files(call).map(ChatResult::body).flux();
	}

	/**
	 * Generates images, answering in OpenAI form ({@code {"created", "data": [...]}}).
	 * @param call the call
	 * @return the OpenAI images response; its usage is {@link Usage#NONE} unless the
	 * provider counts tokens
	 */
	default Mono<ChatResult> generateImages(ImageCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") cannot generate images", null, "model"));
	}

	/**
	 * Whether the deployment answers OpenAI's Responses API itself ({@link #respond}),
	 * rather than through a translation to chat.
	 */
	default boolean respondsNatively(Deployment deployment) {
		return false;
	}

	/**
	 * Calls the provider's Responses API.
	 * @param call the call
	 * @return the response object as the provider wrote it; its usage in chat terms
	 */
	default Mono<ChatResult> respond(ResponsesCall call) {
		return Mono.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") has no Responses API of its own", null, "model"));
	}

	/**
	 * Streams the provider's Responses API events as it sends them ({@code event:
	 * ...\ndata: {...}\n\n}), recording the closing event's usage.
	 * @param call the call
	 * @param tally filled while the stream passes
	 * @return the events
	 */
	default Flux<byte[]> streamResponses(ResponsesCall call, StreamTally tally) {
		return Flux.error(new BadRequestError("Model " + call.deployment().modelName() + " ("
				+ call.deployment().provider().name() + ") has no Responses API of its own", null, "model"));
	}

}
