package dev.llmgw.gateway.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden files of one translator pair, {@code fixtures/<in>-<out>/}. With
 * {@code -Dfixtures.record=true}, {@link #check} writes a missing file from what was
 * seen, to be read and checked against the vendor's documentation before commit.
 *
 * @param directory where the files are
 */
public record GoldenFiles(Path directory) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static GoldenFiles of(String pair) {
		return new GoldenFiles(Path.of("src/test/resources/fixtures", pair));
	}

	public String read(String file) {
		try {
			return Files.readString(this.directory.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public JsonNode json(String file) {
		return JSON.readTree(read(file));
	}

	/**
	 * The golden JSON of {@code file}, written first from {@code actual} in record mode
	 * when missing.
	 */
	public JsonNode check(String file, String actual) {
		Path path = this.directory.resolve(file);
		if (Boolean.getBoolean("fixtures.record") && !Files.exists(path)) {
			try {
				Files.writeString(path,
						JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(actual)) + "\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return json(file);
	}

}
