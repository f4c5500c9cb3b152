package dev.llmgw.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.web.CallerInput;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

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

	/** The most parts a form may have (OpenAI's upload forms have a handful). */
	public static final int MOST_PARTS = 64;

	private static final ResolvableType MULTIPART_DATA = ResolvableType.forClassWithGenerics(MultiValueMap.class,
			String.class, Part.class);

	private static final MultipartHttpMessageReader FORM_READER = formReader();

	private static MultipartHttpMessageReader formReader() {
		DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
		parts.setMaxParts(MOST_PARTS);
		return new MultipartHttpMessageReader(parts);
	}

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

	/**
	 * The file's bytes, each piece copied out of its buffer and the buffer released. A
	 * small file is held in memory as one buffer that every read is given again, so the
	 * copy leaves its read position where it was: a retry reads the whole file, not
	 * nothing.
	 */
	public Flux<byte[]> bytes() {
		return this.file.content().map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			int position = buffer.readPosition();
			buffer.read(bytes);
			buffer.readPosition(position);
			DataBufferUtils.release(buffer);
			return bytes;
		});
	}

	/**
	 * Answers a multipart request from its form, the parts spooled to disk deleted once
	 * the answer is made. The form is read from the request body the filters see (so it
	 * is held to general_settings.max_request_size_mb, chunked or not; the exchange's own
	 * multipart data would read the body as it came off the wire), with at most
	 * {@value #MOST_PARTS} parts; one that cannot be parsed (no boundary, cut short) is
	 * the caller's 400, not the gateway's 500.
	 * @param request the request
	 * @param handler the answer from the form
	 */
	public static Mono<ServerResponse> withForm(ServerRequest request,
			Function<MultiValueMap<String, Part>, Mono<ServerResponse>> handler) {
		Mono<MultiValueMap<String, Part>> form = FORM_READER
			.readMono(MULTIPART_DATA, request.exchange().getRequest(), Map.of())
			.defaultIfEmpty(new LinkedMultiValueMap<>())
			.onErrorMap(DecodingException.class,
					(ex) -> new BadRequestError("Invalid multipart/form-data body: " + ex.getMessage(), null, "file"));
		return Mono.usingWhen(form, handler, MultipartUpload::delete, (parts, error) -> delete(parts),
				MultipartUpload::delete);
	}

	private static Mono<Void> delete(MultiValueMap<String, Part> parts) {
		return Flux.fromIterable(parts.values())
			.flatMapIterable((values) -> values)
			.flatMap((part) -> part.delete().onErrorComplete())
			.then();
	}

	/** Whether a request is a multipart form. */
	public static boolean isForm(@Nullable MediaType type) {
		return type != null && MediaType.MULTIPART_FORM_DATA.includes(type);
	}

}
