package dev.llmgw.storage;

/**
 * A database URL that cannot be used. The message names the setting and what is wrong
 * with it, never the password.
 */
public class InvalidDatabaseUrlException extends IllegalArgumentException {

	public InvalidDatabaseUrlException(String message) {
		super(message);
	}

}
