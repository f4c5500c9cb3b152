package dev.llmgw.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.web.CallerInput;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;

/**
 * A multipart form with one uploaded file, as OpenAI's upload routes take it (audio
 * transcriptions, files): the file part (or a part of another media type without a
 * filename, which the OpenAI SDKs send when given bytes), and the form's other fields in
 * order, each checked for NUL bytes. Spring's multipart reader has spooled a large file
 * to a temporary file; {@link #bytes()} reads it again on each subscription.
 *
 * @param filename the file's name ({@code file} when it has none)
 * @param contentType the file's media type
 * @param file the file's part
 * @param fields the other fields, in order; a name may repeat
 */
public record MultipartUpload(String filename, String contentType, Part file, List<Map.Entry<String, String>> fields) {

	/**
	 * @param parts the form
	 * @param what what the file is, for the 400 when it is missing
	 */
	public static MultipartUpload of(MultiValueMap<String, Part> parts, String what) {
		List<Part> files = parts.get("file");
		if (files == null || files.size() != 1 || files.get(0) instanceof FormFieldPart) {
			throw new BadRequestError("Missing required parameter: 'file' (one " + what + ", sent as a file part).",
					null, "file");
		}
		Part part = files.get(0);
		String filename = (part instanceof FilePart named) ? named.filename()
				: part.headers().getContentDisposition().getFilename();
		filename = CallerInput.check("file", (filename != null && !filename.isBlank()) ? filename : "file");
		MediaType type = part.headers().getContentType();
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		parts.forEach((name, values) -> {
			if (name.equals("file")) {
				return;
			}
			for (Part value : values) {
				if (!(value instanceof FormFieldPart field)) {
					throw new BadRequestError("'" + name + "' must be a form field, not a file.", null, name);
				}
				fields.add(Map.entry(name, CallerInput.check(name, field.value())));
			}
		});
		return new MultipartUpload(filename, (type != null) ? type.toString() : "application/octet-stream", part,
				List.copyOf(fields));
	}

	/** The file's bytes, each piece copied out of its buffer and the buffer released. */
	public Flux<byte[]> bytes() {
		return this.file.content().map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		});
	}

	/** Whether a request is a multipart form. */
	public static boolean isForm(@Nullable MediaType type) {
		return type != null && MediaType.MULTIPART_FORM_DATA.includes(type);
	}

}
