package dev.llmgw.fake.sagemaker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.llmgw.fake.aws.EventStreamFrames;
import dev.llmgw.fake.directive.Directives;
import dev.llmgw.fake.http.Replies;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * InvokeEndpointWithResponseStream's body: the bytes the container streamed, as it wrote
 * them, carried in {@code PayloadPart} events ({@code :event-type: PayloadPart}, the blob
 * as the payload, {@code :content-type: application/octet-stream}). SageMaker does not
 * keep the container's line boundaries, so neither does the fake: every third server-sent
 * event is cut in two, at a character boundary, and its second half shares a part with
 * the next event, so a client must reassemble lines across parts.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html">InvokeEndpointWithResponseStream</a>
 */
final class PayloadParts {

	static final String EVENT_TYPE = "PayloadPart";

	private static final String BLOB = "application/octet-stream";

	private static final byte[] NONE = new byte[0];

	private PayloadParts() {
	}

	/**
	 * A {@link dev.llmgw.fake.http.StreamTransport}: a stream cut short by
	 * {@code error_after_chunks} ends with a {@code ModelStreamError}.
	 */
	static Mono<Void> send(HttpServerResponse response, List<byte[]> container, Directives directives,
			boolean complete) {
		return send(response, container, directives, complete ? null : SageMakerErrors.streamException(null));
	}

	/**
	 * @param container the container's stream, one server-sent event per item
	 * @param failure the exception frame that ends the stream, or null
	 */
	static Mono<Void> send(HttpServerResponse response, List<byte[]> container, Directives directives,
			byte @Nullable [] failure) {
		List<byte[]> frames = new ArrayList<>();
		for (byte[] part : parts(container)) {
			frames.add(EventStreamFrames.event(EVENT_TYPE, BLOB, part));
		}
		if (failure != null) {
			frames.add(failure);
		}
		// the container's own content type travels in a header of its own, since the
		// HTTP one names the event stream
		response.header("X-Amzn-SageMaker-Content-Type", "text/event-stream");
		response.header("x-Amzn-Invoked-Production-Variant", "AllTraffic");
		return Replies.after(directives.latencyMs(), () -> Replies.stream(response, EventStreamFrames.CONTENT_TYPE,
				Replies.paced(frames, directives.chunkDelayMs())));
	}

	/**
	 * The events regrouped: event 1, 4, 7, ... is cut in two and its tail leads the next
	 * part, so the parts run: whole, head, tail and next whole, whole, head, ...
	 */
	static List<byte[]> parts(List<byte[]> events) {
		List<byte[]> parts = new ArrayList<>(events.size());
		byte[] carried = NONE;
		for (int i = 0; i < events.size(); i++) {
			byte[] event = events.get(i);
			if (i % 3 == 1 && event.length > 1) {
				int cut = characterBoundary(event, event.length / 2);
				parts.add(concat(carried, Arrays.copyOfRange(event, 0, cut)));
				carried = Arrays.copyOfRange(event, cut, event.length);
			}
			else {
				parts.add(concat(carried, event));
				carried = NONE;
			}
		}
		if (carried.length > 0) {
			parts.add(carried);
		}
		return parts;
	}

	/**
	 * The nearest cut at or before {@code at} that does not split a UTF-8 sequence: a
	 * client may decode each part on its own (LiteLLM's decoder does), and a real
	 * container flushes whole characters.
	 */
	private static int characterBoundary(byte[] bytes, int at) {
		int cut = Math.max(1, at);
		while (cut > 1 && (bytes[cut] & 0xC0) == 0x80) {
			cut--;
		}
		return cut;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		if (first.length == 0) {
			return second;
		}
		byte[] joined = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, joined, first.length, second.length);
		return joined;
	}

}
