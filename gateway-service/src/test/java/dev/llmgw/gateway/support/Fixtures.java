package dev.llmgw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden files of one translator pair, under
 * {@code src/test/resources/fixtures/<in>-<out>/}.
 */
public final class Fixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path directory;

	public Fixtures(String pair) {
		this.directory = Path.of("src/test/resources/fixtures", pair);
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
		record(file, actual);
		return json(file);
	}

	/**
	 * With {@code -Dfixtures.record=true}, writes a missing golden file from what was
	 * seen, to be read and checked against the vendor's documentation before it is
	 * committed.
	 */
	public void record(String file, String actualJson) {
		Path path = this.directory.resolve(file);
		if (Boolean.getBoolean("fixtures.record") && !Files.exists(path)) {
			try {
				Files.writeString(path,
						JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(actualJson)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
