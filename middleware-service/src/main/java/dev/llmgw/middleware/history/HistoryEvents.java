package dev.llmgw.middleware.history;

/**
 * What chat history tells whoever watches it (the metrics, when they are on): each read
 * and write of a session in the database, and how it went. Declared here so that the
 * watcher depends on this package and not the other way round; {@link #NONE} when nobody
 * watches. Implementations are called on event loops and must not block.
 */
public interface HistoryEvents {

	/** Nobody watching. */
	HistoryEvents NONE = new HistoryEvents() {
	};

	/**
	 * A session was read (a call continuing it, the chat-history routes, a deletion's
	 * check of its owner), or a caller's sessions listed.
	 * @param outcome how it went
	 */
	default void read(Outcome outcome) {
	}

	/**
	 * A session was written (a turn stored) or deleted.
	 * @param outcome how it went
	 */
	default void written(Outcome outcome) {
	}

	/** How a read or a write went. */
	enum Outcome {

		/** Done. */
		OK,

		/** The session does not exist (a read, or a deletion that found it gone). */
		NOT_FOUND,

		/**
		 * Not done: the session belongs to another key (found inside the write's
		 * transaction).
		 */
		REFUSED,

		/** The database failed. */
		ERROR

	}

}
