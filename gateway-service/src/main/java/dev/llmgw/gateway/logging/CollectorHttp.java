package dev.llmgw.gateway.logging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.llmgw.gateway.logging.LogSink.Sent;

/**
 * A collector's HTTP endpoint (Langfuse, LangSmith, a webhook), posted to from a
 * delivery's own thread: the JDK's client, blocking that thread only. A 2xx delivers the
 * batch; a 5xx, 408, 429 or a network failure is worth another try; any other answer is a
 * refusal.
 */
public final class CollectorHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/**
	 * Posts a body.
	 * @param uri where to
	 * @param headers the request's headers (credentials among them)
	 * @param body the JSON
	 * @return the answer's status and body
	 * @throws IOException when no answer came
	 */
	public Answer post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::setHeader);
		// the request's timeout ends at the answer's headers: a collector that trickles
		// its
		// body is bounded here, so the delivery's thread never hangs on it
		CompletableFuture<HttpResponse<String>> sent = this.client.sendAsync(request.build(),
				HttpResponse.BodyHandlers.ofString());
		try {
			HttpResponse<String> response = sent.get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return new Answer(response.statusCode(), response.body());
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			throw new IOException("no whole answer within " + 2 * TIMEOUT.toSeconds() + " s", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof IOException io) ? io
					: new IOException(String.valueOf(ex.getCause()), ex.getCause());
		}
	}

	/**
	 * Posts a batch's body and judges the answer.
	 * @param uri where to
	 * @param headers the request's headers
	 * @param body the JSON
	 * @param batch the entries the body carries
	 * @return what was not delivered
	 */
	public Sent send(URI uri, Map<String, String> headers, byte[] body, List<LogEntry> batch) {
		Answer answer;
		try {
			answer = post(uri, headers, body);
		}
		catch (IOException ex) {
			return Sent.retry(batch, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		return answer.judge(batch);
	}

	/**
	 * A collector's answer.
	 *
	 * @param status its status
	 * @param body its body
	 */
	public record Answer(int status, String body) {

		public boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/** A 5xx, a timeout or a throttle may pass. */
		public boolean retryable() {
			return this.status >= 500 || this.status == 408 || this.status == 429;
		}

		public Sent judge(List<LogEntry> batch) {
			if (ok()) {
				return Sent.ALL;
			}
			String error = "answered " + this.status + ": "
					+ ((this.body.length() > 200) ? this.body.substring(0, 200) : this.body);
			return retryable() ? Sent.retry(batch, error) : Sent.refused(batch, error);
		}

	}

}
