package dev.llmgw.gateway.error;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Tells a database that cannot be reached (refused, reset, shut down, no connection to be
 * had from the pool) from a database that answered with an error. Read by type along the
 * cause chain, never by message: Spring's R2DBC client wraps the driver's exception, and
 * callers may wrap Spring's.
 */
public final class DatabaseFaults {

	/** Real chains are a few links deep; the bound also guards against cycles. */
	private static final int MAX_DEPTH = 20;

	private DatabaseFaults() {
	}

	/**
	 * @return whether the failure, or one of its causes, says the database is unreachable
	 */
	public static boolean isUnreachable(@Nullable Throwable failure) {
		Throwable link = failure;
		for (int depth = 0; link != null && depth < MAX_DEPTH; depth++) {
			// Spring's translations of a connection that could not be had or was lost,
			// and the R2DBC driver's own, when it reaches us untranslated
			if (link instanceof DataAccessResourceFailureException
					|| link instanceof TransientDataAccessResourceException
					|| link instanceof R2dbcNonTransientResourceException
					|| link instanceof R2dbcTransientResourceException) {
				return true;
			}
			link = link.getCause();
		}
		return false;
	}

}
