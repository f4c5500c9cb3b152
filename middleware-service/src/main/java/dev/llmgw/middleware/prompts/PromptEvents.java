package dev.llmgw.middleware.prompts;

/**
 * What managed prompts tell whoever watches them (the metrics, when they are on): each
 * prompt looked up, where it came from and how it went. Declared here so that the watcher
 * depends on this package and not the other way round; {@link #NONE} when nobody watches.
 * Implementations are called on event loops and must not block.
 */
public interface PromptEvents {

	/** Nobody watching. */
	PromptEvents NONE = new PromptEvents() {
	};

	/**
	 * @param source where the prompt came from
	 * @param outcome how it went
	 */
	default void fetched(Source source, Outcome outcome) {
	}

	/** Where a prompt came from. */
	enum Source {

		/** Bedrock Agents' GetPrompt. */
		BEDROCK,

		/** The few minutes' cache of prompts fetched before. */
		CACHE

	}

	/** How a lookup went. */
	enum Outcome {

		/** The prompt was found. */
		OK,

		/** GetPrompt answered 404. */
		NOT_FOUND,

		/**
		 * GetPrompt failed otherwise: refused (403), another status, unreachable, no AWS
		 * credentials, an answer that is not JSON.
		 */
		ERROR

	}

}
