package dev.llmgw.fake.collectors;

import java.nio.charset.StandardCharsets;

import dev.llmgw.fake.http.Json;
import dev.llmgw.fake.http.Replies;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A generic webhook for the gateway's generic logging callback: any
 * {@code POST /fake/webhook/...} is kept, path and all, as
 * {@code {"path","headers","body"}} (the body as JSON when it is JSON, else its text),
 * and answered {@code {"status":"ok"}}. {@code GET /fake/webhook} answers what was kept
 * in the order received; {@code DELETE /fake/webhook} forgets it.
 */
public final class Webhooks {

	public static final String CONTROL_PATH = "/fake/webhook";

	private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

	private final ReceivedRequests received = new ReceivedRequests();

	/**
	 * Whether a path is a webhook's: {@code /fake/webhook} itself or any path under it,
	 * so a test can give each callback its own.
	 */
	public static boolean isWebhookPath(String path) {
		return path.equals(CONTROL_PATH) || path.startsWith(CONTROL_PATH + "/");
	}

	public Mono<Void> receive(String path, HttpHeaders headers, byte[] body, HttpServerResponse response) {
		this.received.add(path, headers, Json.readOrText(body));
		return Replies.json(response, HttpResponseStatus.OK, OK);
	}

	public Mono<Void> list(HttpServerResponse response) {
		return this.received.list(response);
	}

	public void reset() {
		this.received.reset();
	}

}
