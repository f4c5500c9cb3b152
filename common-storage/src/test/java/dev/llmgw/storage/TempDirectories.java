package dev.llmgw.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary directories of a test JVM (embedded databases, the logs of services a test
 * started), deleted with everything in them when the JVM ends, so that test runs leave
 * nothing in the temporary directory.
 */
public final class TempDirectories {

	/** How many times a directory is looked at after a deletion, at most. */
	static final int PASSES = 30;

	/** How many looks in a row must find it gone. */
	static final int QUIET_PASSES = 5;

	private static final long PAUSE_MILLIS = 100;

	private TempDirectories() {
	}

	public static Path create(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			Runtime.getRuntime()
				.addShutdownHook(
						new Thread(() -> deleteUntilGone(directory, TempDirectories::pause), "delete-" + prefix));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes the directory, and again whenever it is back, until it stayed gone for
	 * {@link #QUIET_PASSES} pauses (or {@link #PASSES} ran out). The JVM runs its
	 * shutdown hooks together: the embedded database's own hook and Spring's closing of
	 * the test contexts close H2 alongside this one, and H2 compacts its store as it
	 * closes, writing the file back (and a trace file beside it) after a single pass had
	 * deleted them; test JVMs left such directories behind.
	 * @param directory the directory
	 * @param pause waits between looks
	 */
	static void deleteUntilGone(Path directory, Runnable pause) {
		int quiet = 0;
		for (int pass = 0; pass < PASSES && quiet < QUIET_PASSES; pass++) {
			if (Files.exists(directory)) {
				delete(directory);
				quiet = 0;
			}
			else {
				quiet++;
			}
			pause.run();
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException | UncheckedIOException ex) {
			// a file being written as it is walked: the next pass takes it
		}
	}

	private static void pause() {
		try {
			Thread.sleep(PAUSE_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
