package dev.llmgw.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Temporary directories of a test JVM (embedded databases, the logs of services a test
 * started), deleted with everything in them when the JVM ends, so that test runs leave
 * nothing in the temporary directory.
 */
public final class TempDirectories {

	/** How many times a directory is looked at, at most (a pause apart). */
	static final int PASSES = 300;

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
						new Thread(() -> deleteUntilGone(directory, TempDirectories::heldOpen, TempDirectories::pause),
								"delete-" + prefix));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Deletes the directory once nothing in this JVM or its child processes has a file in
	 * it open, and again whenever it is back, until it stayed gone for
	 * {@link #QUIET_PASSES} pauses (at most {@link #PASSES}, thirty seconds, well inside
	 * Surefire's wait for a fork to exit). The JVM runs its shutdown hooks together:
	 * Spring's closing of the cached test contexts, one after another, and H2's own hook
	 * close the embedded databases alongside this one, and H2 compacts its store as it
	 * closes, writing the file back (and a trace file beside it) after the directory was
	 * deleted: test JVMs left such directories behind.
	 * @param directory the directory
	 * @param inUse whether a file in the directory is still open
	 * @param pause waits between looks
	 */
	static void deleteUntilGone(Path directory, Predicate<Path> inUse, Runnable pause) {
		int quiet = 0;
		for (int pass = 0; pass < PASSES && quiet < QUIET_PASSES; pass++) {
			if (!Files.exists(directory)) {
				quiet++;
			}
			else {
				quiet = 0;
				if (!inUse.test(directory)) {
					delete(directory);
				}
			}
			pause.run();
		}
	}

	/**
	 * Whether this process, or a process it started (a service a test launched, stopping
	 * on its own shutdown hook), has a file below the directory open, from the links in
	 * {@code /proc/<pid>/fd}; where there is no such folder, never.
	 */
	static boolean heldOpen(Path directory) {
		try {
			// the links name real paths (/tmp may be a link itself)
			Path real = directory.toRealPath();
			return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
				.anyMatch((process) -> holds(process.pid(), real));
		}
		catch (IOException | UncheckedIOException ex) {
			return false;
		}
	}

	private static boolean holds(long pid, Path directory) {
		Path descriptors = Path.of("/proc", Long.toString(pid), "fd");
		if (!Files.isDirectory(descriptors)) {
			return false;
		}
		try (Stream<Path> open = Files.list(descriptors)) {
			return open.anyMatch((descriptor) -> {
				try {
					return Files.readSymbolicLink(descriptor).startsWith(directory);
				}
				catch (IOException | UnsupportedOperationException ex) {
					// closed since it was listed
					return false;
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// the process ended since it was listed
			return false;
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
