package dev.llmgw.gateway.providers;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;

/**
 * One transcription attempt on one deployment ({@code POST /audio/transcriptions}).
 *
 * @param deployment who is asked
 * @param fields the form's fields other than the file, in order ({@code model},
 * {@code language}, {@code response_format}, {@code timestamp_granularities[]}, ...; a
 * name may repeat)
 * @param filename the uploaded file's name
 * @param contentType the uploaded file's media type
 * @param audio the file's bytes, read anew for each attempt
 * @param callId the call's id
 */
public record TranscriptionCall(Deployment deployment, List<Map.Entry<String, String>> fields, String filename,
		String contentType, Flux<byte[]> audio, String callId) {

	/**
	 * The usage extra that carries the seconds of audio heard, when the provider said.
	 */
	public static final String AUDIO_SECONDS = "audio_seconds";

}
