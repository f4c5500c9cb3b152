package dev.llmgw.gateway.engine;

/** What a model call asks of its provider. */
public enum CallKind {

	/**
	 * Chat, whatever the front end: OpenAI chat, legacy completions, Anthropic messages.
	 */
	CHAT,

	EMBEDDING,

	IMAGE

}
