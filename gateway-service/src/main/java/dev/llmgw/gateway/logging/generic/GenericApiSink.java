package dev.llmgw.gateway.logging.generic;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.logging.CollectorHttp;
import dev.llmgw.gateway.logging.LogEntry;
import dev.llmgw.gateway.logging.LogSink;

/**
 * Posts standard logging payloads to a collector as LiteLLM's generic API logger does: a
 * JSON array per batch ({@code json_array}, the default), newline-delimited JSON
 * ({@code ndjson}), or one request per payload ({@code single}).
 */
final class GenericApiSink implements LogSink {

	private final URI endpoint;

	private final Map<String, String> headers;

	private final String format;

	private final Batching batching;

	private final String name;

	private final boolean successes;

	private final boolean failures;

	private final CollectorHttp http = new CollectorHttp();

	GenericApiSink(String name, URI endpoint, Map<String, String> headers, String format, Batching batching,
			boolean successes, boolean failures) {
		this.name = name;
		this.successes = successes;
		this.failures = failures;
		this.endpoint = endpoint;
		this.headers = headers;
		this.format = format;
		this.batching = batching;
	}

	@Override
	public String name() {
		return this.name;
	}

	/** {@code event_types}: {@code llm_api_success}, {@code llm_api_failure}, or both. */
	@Override
	public boolean logs(boolean success) {
		return success ? this.successes : this.failures;
	}

	@Override
	public Batching batching() {
		return this.batching;
	}

	@Override
	public Sent send(List<LogEntry> batch) {
		if ("single".equals(this.format)) {
			List<LogEntry> retry = new ArrayList<>();
			int refused = 0;
			String error = null;
			for (LogEntry entry : batch) {
				Sent sent = this.http.send(this.endpoint, this.headers, entry.json(), List.of(entry));
				retry.addAll(sent.retry());
				refused += sent.refused();
				error = (sent.error() != null) ? sent.error() : error;
			}
			return (error == null) ? Sent.ALL : new Sent(retry, refused, error);
		}
		return this.http.send(this.endpoint, this.headers, body(batch), batch);
	}

	private byte[] body(List<LogEntry> batch) {
		boolean ndjson = "ndjson".equals(this.format);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (!ndjson) {
			body.write('[');
		}
		for (int i = 0; i < batch.size(); i++) {
			if (i > 0) {
				body.write(ndjson ? '\n' : ',');
			}
			body.writeBytes(batch.get(i).json());
		}
		if (!ndjson) {
			body.write(']');
		}
		return body.toByteArray();
	}

}
