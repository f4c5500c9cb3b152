package dev.llmgw.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TempDirectoriesTests {

	@Test
	void aDirectoryWrittenBackAfterItsDeletionIsDeletedAgain() throws IOException {
		Path directory = Files.createTempDirectory("temp-directories-test");
		Files.writeString(directory.resolve("gateway.mv.db"), "store");
		AtomicInteger pauses = new AtomicInteger();
		// as H2 does when it closes on another shutdown hook: the store and a trace file
		// are written again, directory and all, after the first deletion
		TempDirectories.deleteUntilGone(directory, (path) -> false, () -> {
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
	void aDirectoryIsLeftAloneWhileAFileInItIsOpenHere() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux's /proc");
		Path directory = Files.createTempDirectory("temp-directories-test");
		Path store = Files.writeString(directory.resolve("gateway.mv.db"), "store");
		FileChannel open = FileChannel.open(store, StandardOpenOption.WRITE);
		try {
			// the database closes: only now may the directory go
			assertKeptUntil(directory, open::close);
		}
		finally {
			open.close();
			TempDirectories.delete(directory);
		}
	}

	@Test
	void aDirectoryIsLeftAloneWhileAChildProcessWritesInIt() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux's /proc");
		Path directory = Files.createTempDirectory("temp-directories-test");
		// a service a test launched, its output going to a log in the directory
		Process child = new ProcessBuilder("sleep", "30").redirectOutput(directory.resolve("service.log").toFile())
			.start();
		try {
			assertKeptUntil(directory, () -> {
				child.destroy();
				try {
					child.waitFor();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		finally {
			child.destroyForcibly();
			TempDirectories.delete(directory);
		}
	}

	/**
	 * Runs the deletion with the real check for open files, releasing what holds the
	 * directory at the third pause: it must stand until then and be gone after.
	 */
	private static void assertKeptUntil(Path directory, Releaser releaser) {
		List<Boolean> seen = new ArrayList<>();
		TempDirectories.deleteUntilGone(directory, TempDirectories::heldOpen, () -> {
			seen.add(Files.exists(directory));
			if (seen.size() == 3) {
				try {
					releaser.release();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		});
		assertThat(seen.subList(0, 3)).as("kept while held").containsOnly(true);
		assertThat(directory).doesNotExist();
	}

	private interface Releaser {

		void release() throws IOException;

	}

	@Test
	void aDirectoryThatKeepsComingBackIsLeftAfterTheLastPass() throws IOException {
		Path directory = Files.createTempDirectory("temp-directories-test");
		AtomicInteger pauses = new AtomicInteger();
		try {
			TempDirectories.deleteUntilGone(directory, (path) -> false, () -> {
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
