package dev.llmgw.gateway.engine;

/** What a model call asks of its provider. */
public enum CallKind {

	/**
	 * Chat, whatever the front end: OpenAI chat, legacy completions, Anthropic messages.
	 */
	CHAT,

	EMBEDDING,

	IMAGE,

	/** A query's documents ranked by relevance ({@code /rerank}). */
	RERANK,

	/** Text classified against a content policy ({@code /moderations}). */
	MODERATION,

	/** Text read aloud ({@code /audio/speech}). */
	SPEECH,

	/** Audio written down ({@code /audio/transcriptions}). */
	TRANSCRIPTION,

	/** A file uploaded to a provider's Files API ({@code /files}). */
	FILE,

	/** A batch of requests started on a provider's Batch API ({@code /batches}). */
	BATCH;

	/** LiteLLM's call type, as spend logs and logging callbacks name it. */
	public String litellmCallType() {
		return switch (this) {
			case CHAT -> "acompletion";
			case EMBEDDING -> "aembedding";
			case IMAGE -> "aimage_generation";
			case RERANK -> "arerank";
			case MODERATION -> "amoderation";
			case SPEECH -> "aspeech";
			case TRANSCRIPTION -> "atranscription";
			case FILE -> "acreate_file";
			case BATCH -> "acreate_batch";
		};
	}

}
