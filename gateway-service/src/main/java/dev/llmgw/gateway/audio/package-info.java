/**
 * OpenAI's audio endpoints through the call pipeline: text to speech
 * ({@code POST /v1/audio/speech}, the audio streamed back as the provider sends it) and
 * transcription ({@code POST /v1/audio/transcriptions}, a multipart upload spooled to a
 * temporary file, never held whole in memory). Keys, model access, limits, budgets,
 * retries, fallbacks, spend and logging apply as to any call.
 */
@NullMarked
package dev.llmgw.gateway.audio;

import org.jspecify.annotations.NullMarked;
