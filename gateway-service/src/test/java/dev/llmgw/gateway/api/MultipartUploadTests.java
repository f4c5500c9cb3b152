package dev.llmgw.gateway.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.llmgw.gateway.error.BadRequestError;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An upload's bytes as each attempt of a call reads them. */
class MultipartUploadTests {

	@Test
	void aSmallFileHeldInMemoryIsReadWholeByEveryAttempt() {
		String audio = "a small clip";
		String[] reads = new String[2];
		ServerRequest request = form("--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper\r\n"
				+ "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
				+ "Content-Type: audio/mpeg\r\n\r\n" + audio + "\r\n--b--\r\n");
		MultipartUpload.withForm(request, (parts) -> {
			MultipartUpload upload = MultipartUpload.of(parts, "audio file");
			// a retry, or a fallback, reads the file again
			reads[0] = text(upload);
			reads[1] = text(upload);
			return ServerResponse.ok().build();
		}).block(Duration.ofSeconds(5));
		assertThat(reads).containsExactly(audio, audio);
	}

	@Test
	void aFormWithoutABoundaryIsTheCallersError() {
		ServerRequest request = ServerRequest.create(MockServerWebExchange.from(
				MockServerHttpRequest.post("/v1/files").contentType(MediaType.MULTIPART_FORM_DATA).body("--b\r\n\r\n")),
				HandlerStrategies.withDefaults().messageReaders());
		assertThatThrownBy(() -> MultipartUpload.withForm(request, (parts) -> ServerResponse.ok().build())
			.block(Duration.ofSeconds(5))).isInstanceOf(BadRequestError.class);
	}

	@Test
	void aFormOfTooManyPartsIsRefusedAsItIsRead() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i <= MultipartUpload.MOST_PARTS; i++) {
			body.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
		}
		ServerRequest request = form(body.append("--b--\r\n").toString());
		assertThatThrownBy(() -> MultipartUpload.withForm(request, (parts) -> ServerResponse.ok().build())
			.block(Duration.ofSeconds(5))).isInstanceOf(BadRequestError.class);
	}

	private static String text(MultipartUpload upload) {
		return upload.bytes()
			.reduce(new StringBuilder(), (text, bytes) -> text.append(new String(bytes, StandardCharsets.UTF_8)))
			.map(StringBuilder::toString)
			.switchIfEmpty(Mono.just(""))
			.block(Duration.ofSeconds(5));
	}

	private static ServerRequest form(String body) {
		return ServerRequest.create(MockServerWebExchange.from(MockServerHttpRequest.post("/v1/audio/transcriptions")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=b"))
			.body(body)), HandlerStrategies.withDefaults().messageReaders());
	}

}
