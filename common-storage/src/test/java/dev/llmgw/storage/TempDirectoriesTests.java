package dev.llmgw.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TempDirectoriesTests {

	@Test
	void aDirectoryWrittenBackAfterItsDeletionIsDeletedAgain() throws IOException {
		Path directory = Files.createTempDirectory("temp-directories-test");
		Files.writeString(directory.resolve("gateway.mv.db"), "store");
		AtomicInteger pauses = new AtomicInteger();
		// as H2 does when it closes on another shutdown hook: the store and a trace file
		// are written again, directory and all, after the first deletion
		TempDirectories.deleteUntilGone(directory, () -> {
			if (pauses.incrementAndGet() == 2) {
				try {
					Files.createDirectories(directory);
					Files.writeString(directory.resolve("gateway.mv.db"), "compacted");
					Files.writeString(directory.resolve("gateway.trace.db"), "closing");
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
		assertThat(directory).doesNotExist();
		assertThat(pauses.get()).isEqualTo(3 + TempDirectories.QUIET_PASSES);
	}

	@Test
	void aDirectoryThatKeepsComingBackIsLeftAfterTheLastPass() throws IOException {
		Path directory = Files.createTempDirectory("temp-directories-test");
		AtomicInteger pauses = new AtomicInteger();
		try {
			TempDirectories.deleteUntilGone(directory, () -> {
				pauses.incrementAndGet();
				try {
					Files.createDirectories(directory);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			assertThat(pauses.get()).as("bounded, so that a JVM's exit is never held up long")
				.isEqualTo(TempDirectories.PASSES);
		}
		finally {
			TempDirectories.delete(directory);
		}
	}

}
