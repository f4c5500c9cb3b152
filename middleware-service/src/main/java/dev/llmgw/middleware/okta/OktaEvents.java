package dev.llmgw.middleware.okta;

/**
 * What Okta sign-up tells whoever watches it (the metrics, when they are on): each
 * sign-up with an Okta token and how it ended. Declared here so that the watcher depends
 * on this package and not the other way round; {@link #NONE} when nobody watches.
 * Implementations are called on event loops and must not block.
 */
public interface OktaEvents {

	/** Nobody watching. */
	OktaEvents NONE = new OktaEvents() {
	};

	/**
	 * @param outcome how a sign-up ended
	 */
	default void signUp(Outcome outcome) {
	}

	/** How a sign-up ended. */
	enum Outcome {

		/** The gateway made a new internal user, with a key. */
		CREATED,

		/** The user existed already and was given a new key. */
		EXISTING,

		/**
		 * The token was not valid, or named no subject: nothing was asked of the gateway.
		 */
		REFUSED,

		/** The gateway refused or failed the user or the key, or could not be reached. */
		ERROR

	}

}
