package dev.llmgw.gateway.files;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.providers.Deployment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A batch input file's lines, checked and rewritten on their way to the provider, as
 * LiteLLM's managed batches do: each line's {@code body.model} must name the upload's
 * model group (or that deployment's own model id), and goes out as the deployment's model
 * id. Without this, a key allowed one group could run any model of the provider account
 * through a batch, since the provider runs each line's model as written. The file is read
 * twice, never held whole: once to check it, so that a bad line is the caller's 400
 * before anything is sent, and once as it is sent.
 */
final class BatchLines {

	private static final byte NEWLINE = '\n';

	private final JsonMapper mapper;

	private final String group;

	private final Set<String> names;

	/**
	 * @param mapper reads and writes the lines
	 * @param group the model group the upload names
	 * @param own the model ids of the group's deployments
	 */
	BatchLines(JsonMapper mapper, String group, Set<String> own) {
		// a key written twice is refused: lines that name the deployment's model go on as
		// written, and a provider whose parser keeps the first of two "model" keys would
		// otherwise run the model this check never saw
		this.mapper = mapper.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
		this.group = group;
		this.names = new HashSet<>(own);
		this.names.add(group);
	}

	/** Reads the file through, refusing it at its first bad line. */
	Mono<Void> check(Flux<byte[]> file) {
		return numbered(file).doOnNext((line) -> line.rewritten(this.group)).then();
	}

	/** The file as sent to a deployment: one rewritten line after another. */
	Flux<byte[]> rewrite(Flux<byte[]> file, Deployment deployment) {
		return numbered(file).map((line) -> line.rewritten(deployment.providerModel()));
	}

	private Flux<Line> numbered(Flux<byte[]> file) {
		return Flux.defer(() -> {
			int[] number = { 0 };
			return lines(file).map((bytes) -> new Line(++number[0], bytes)).filter(Line::hasContent);
		});
	}

	/**
	 * The file's lines, without their line ends, however the chunks cut them. One state
	 * per subscription, so the file can be read again for a retry.
	 */
	static Flux<byte[]> lines(Flux<byte[]> chunks) {
		return Flux.defer(() -> {
			ByteArrayOutputStream pending = new ByteArrayOutputStream();
			return chunks.concatMapIterable((chunk) -> {
				List<byte[]> complete = new ArrayList<>(2);
				int start = 0;
				for (int i = 0; i < chunk.length; i++) {
					if (chunk[i] == NEWLINE) {
						pending.write(chunk, start, i - start);
						complete.add(pending.toByteArray());
						pending.reset();
						start = i + 1;
					}
				}
				pending.write(chunk, start, chunk.length - start);
				return complete;
			}).concatWith(Mono.fromCallable(pending::toByteArray).filter((rest) -> rest.length > 0));
		});
	}

	/** One line of the file, numbered from 1 as an editor shows it. */
	private final class Line {

		private final int number;

		private final byte[] bytes;

		Line(int number, byte[] bytes) {
			this.number = number;
			this.bytes = bytes;
		}

		boolean hasContent() {
			for (byte b : this.bytes) {
				if (b != ' ' && b != '\t' && b != '\r') {
					return true;
				}
			}
			return false;
		}

		byte[] rewritten(String model) {
			JsonNode line;
			try {
				line = BatchLines.this.mapper.readTree(this.bytes);
			}
			catch (JacksonException ex) {
				String said = ex.getOriginalMessage();
				throw refused((said != null && said.startsWith("Duplicate")) ? "names a field twice" : "is not JSON");
			}
			if (!(line instanceof ObjectNode) || !(line.get("body") instanceof ObjectNode body)) {
				throw refused("needs a 'body' object (custom_id, method, url, body)");
			}
			JsonNode given = body.get("model");
			if (given == null || !given.isString()) {
				throw refused("needs body.model, the model group '" + BatchLines.this.group + "'");
			}
			String named = given.asString();
			if (!BatchLines.this.names.contains(named)) {
				throw refused("names model '" + shortened(named) + "', but the file is for model group '"
						+ BatchLines.this.group + "': write '" + BatchLines.this.group + "' in every line");
			}
			// a line that names the deployment's model already goes as it was written
			byte[] json = named.equals(model) ? this.bytes : rewritten(line, body, model);
			byte[] withEnd = new byte[json.length + 1];
			System.arraycopy(json, 0, withEnd, 0, json.length);
			withEnd[json.length] = NEWLINE;
			return withEnd;
		}

		private byte[] rewritten(JsonNode line, ObjectNode body, String model) {
			body.put("model", model);
			return BatchLines.this.mapper.writeValueAsBytes(line);
		}

		private BadRequestError refused(String why) {
			return new BadRequestError("Invalid batch file: line " + this.number + " " + why, null, "file");
		}

	}

	private static String shortened(String text) {
		return (text.length() <= 100) ? text : text.substring(0, 100) + "...";
	}

}
