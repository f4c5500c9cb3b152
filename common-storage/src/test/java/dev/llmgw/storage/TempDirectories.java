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

	private TempDirectories() {
	}

	public static Path create(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(directory), "delete-" + prefix));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException | UncheckedIOException ex) {
			// a file still being written at exit: the operating system's temp cleanup
			// takes the rest
		}
	}

}
