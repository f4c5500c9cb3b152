package dev.llmgw.gateway.providers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Flux;

/**
 * A multipart/form-data body (RFC 7578) written as it is sent: the fields, then the file
 * part's head, the file's bytes as they are read, and the closing boundary. Names,
 * filenames and content types come from the caller, so quotes, backslashes and line
 * breaks are taken out of them: none can end a header or start a part of its own.
 */
public final class MultipartForm {

	private final String boundary;

	public MultipartForm() {
		this.boundary = "llmgw-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
				+ Long.toHexString(ThreadLocalRandom.current().nextLong());
	}

	public String boundary() {
		return this.boundary;
	}

	/** The {@code Content-Type} of the body. */
	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	/**
	 * @param fields the fields, in order (a name may repeat)
	 * @param fileField the file part's name
	 * @param filename the file's name
	 * @param contentType the file's media type
	 * @param file the file's bytes
	 * @return the whole body, piece by piece
	 */
	public Flux<byte[]> body(List<Map.Entry<String, String>> fields, String fileField, String filename,
			String contentType, Flux<byte[]> file) {
		StringBuilder head = new StringBuilder();
		for (Map.Entry<String, String> field : fields) {
			head.append("--")
				.append(this.boundary)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(safe(field.getKey()))
				.append("\"\r\n\r\n")
				.append(field.getValue())
				.append("\r\n");
		}
		head.append("--")
			.append(this.boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(safe(fileField))
			.append("\"; filename=\"")
			.append(safe(filename))
			.append("\"\r\nContent-Type: ")
			.append(safe(contentType))
			.append("\r\n\r\n");
		byte[] tail = ("\r\n--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		return Flux.concat(Flux.just(head.toString().getBytes(StandardCharsets.UTF_8)), file, Flux.just(tail));
	}

	static String safe(String value) {
		StringBuilder safe = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '"' && c != '\\' && c != '\r' && c != '\n' && c != '\0') {
				safe.append(c);
			}
		}
		return safe.toString();
	}

}
