package dev.llmgw.gateway.providers.sagemaker;

import java.util.ArrayList;
import java.util.List;

import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.SseEvent;
import dev.llmgw.gateway.providers.StreamBodyDecoder;
import dev.llmgw.gateway.providers.StreamTranslator;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * InvokeEndpointWithResponseStream's body: AWS event-stream frames, decoded by the AWS
 * SDK's own decoder (which keeps a frame cut by the network until it is whole and checks
 * both CRCs). A {@code PayloadPart} event carries the container's bytes, reassembled into
 * lines ({@link PayloadLines}) for the stream's translator; an exception frame
 * ({@code ModelStreamError}, {@code InternalStreamFailure}) or an error frame ends the
 * stream with the gateway's error for it, so the caller gets a clean stream error rather
 * than a cut connection. One per stream.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_ResponseStream.html">ResponseStream</a>
 */
final class SageMakerEventStream implements StreamBodyDecoder {

	static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

	private static final String PAYLOAD_PART = "PayloadPart";

	private final List<Message> messages = new ArrayList<>(4);

	private final MessageDecoder frames = new MessageDecoder(this.messages::add);

	private final PayloadLines lines = new PayloadLines();

	private final StreamTranslator translator;

	private final SageMakerErrorMapper errors;

	SageMakerEventStream(StreamTranslator translator, SageMakerErrorMapper errors) {
		this.translator = translator;
		this.errors = errors;
	}

	@Override
	public List<byte[]> decode(ByteBuf buffer) {
		try {
			this.frames.feed(buffer.nioBuffer());
		}
		catch (RuntimeException ex) {
			// a bad prelude or CRC: the rest cannot be framed
			throw new UpstreamError(502, "api_error",
					"litellm.APIError: SagemakerException - the response stream is not a valid AWS event stream: "
							+ ex.getMessage(),
					null);
		}
		if (this.messages.isEmpty()) {
			return List.of();
		}
		List<byte[]> frames = new ArrayList<>();
		try {
			for (Message message : this.messages) {
				frames.addAll(handle(message));
			}
		}
		finally {
			this.messages.clear();
		}
		return frames;
	}

	@Override
	public List<byte[]> finish() {
		SseEvent last = this.lines.finish();
		if (last == null) {
			return this.translator.onEnd();
		}
		List<byte[]> frames = new ArrayList<>(this.translator.onEvent(last));
		frames.addAll(this.translator.onEnd());
		return frames;
	}

	private List<byte[]> handle(Message message) {
		String type = header(message, ":message-type");
		if ("exception".equals(type)) {
			throw this.errors.streamException(header(message, ":exception-type"), message.getPayload());
		}
		if ("error".equals(type)) {
			throw this.errors.streamError(header(message, ":error-code"), header(message, ":error-message"));
		}
		if (!PAYLOAD_PART.equals(header(message, ":event-type"))) {
			// an event this version does not know: nothing of the answer
			return List.of();
		}
		List<SseEvent> events = this.lines.feed(message.getPayload());
		if (events.isEmpty()) {
			return List.of();
		}
		List<byte[]> frames = new ArrayList<>();
		for (SseEvent event : events) {
			frames.addAll(this.translator.onEvent(event));
		}
		return frames;
	}

	private static @Nullable String header(Message message, String name) {
		HeaderValue value = message.getHeaders().get(name);
		return (value != null) ? value.getString() : null;
	}

}
