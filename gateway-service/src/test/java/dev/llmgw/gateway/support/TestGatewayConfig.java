package dev.llmgw.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmgw.storage.TempDirectories;

/**
 * The config.yaml the gateway's Spring tests run with: every model is served by the
 * shared fake LLM server, each steered to one behaviour by directives in its model name.
 */
public final class TestGatewayConfig {

	public static final String MASTER_KEY = "sk-test-master-0123456789";

	private static Path written;

	private TestGatewayConfig() {
	}

	/**
	 * A fresh directory for the embedded database of the gateways started by one test
	 * JVM.
	 */
	public static synchronized Path dataDirectory() {
		return TempDirectories.create("gateway-test-data");
	}

	public static synchronized Path path() {
		if (written == null) {
			written = write(FakeLlmServerProcess.shared().baseUrl());
		}
		return written;
	}

	private static Path write(String fakeBase) {
		String yaml = """
				model_list:
				  - model_name: gpt-4o-mini
				    litellm_params: {model: openai/gpt-4o-mini, api_base: "%1$s", api_key: fake-key}
				    model_info: {id: mini-deployment}
				  - model_name: slow-stream
				    litellm_params: {model: "openai/fake;chunks=4;chunk_delay_ms=150", api_base: "%1$s", api_key: k}
				  - model_name: rate-limited
				    litellm_params: {model: "openai/fake;error=429;retry_after=7", api_base: "%1$s", api_key: k}
				  - model_name: broken
				    litellm_params: {model: "openai/fake;error=500", api_base: "%1$s", api_key: k}
				  - model_name: too-long
				    litellm_params: {model: "openai/fake;error=context", api_base: "%1$s", api_key: k}
				  - model_name: echo
				    litellm_params: {model: "openai/fake;echo=1", api_base: "%1$s", api_key: k}
				  - model_name: whisper
				    litellm_params: {model: openai/whisper-1, api_base: "%1$s", api_key: k}
				  - model_name: whisper-broken
				    litellm_params: {model: "openai/whisper-1;error=429", api_base: "%1$s", api_key: k}
				  - model_name: tts
				    litellm_params: {model: openai/tts-1, api_base: "%1$s", api_key: k}
				  - model_name: tts-broken
				    litellm_params: {model: "openai/tts-1;error=500", api_base: "%1$s", api_key: k}
				  - model_name: moderation
				    litellm_params: {model: openai/omni-moderation-latest, api_base: "%1$s", api_key: k}
				  - model_name: echo-via-chat
				    litellm_params: {model: "openai/fake;echo=1", api_base: "%1$s", api_key: k, use_chat_completions_api: true}
				  - model_name: echo-defaults
				    litellm_params:
				      model: "openai/fake;echo=1"
				      api_base: "%1$s"
				      api_key: k
				      temperature: 0.3
				      max_tokens: 7
				      seed: 11
				  - model_name: text-embedding-3-small
				    litellm_params: {model: openai/text-embedding-3-small, api_base: "%1$s", api_key: k}
				    model_info: {mode: embedding}
				  - model_name: no-usage
				    litellm_params: {model: "openai/gpt-4o-mini;no_usage=1", api_base: "%1$s", api_key: k}
				    model_info: {base_model: gpt-4o-mini}
				  - model_name: slow-reply
				    litellm_params: {model: "openai/fake;latency_ms=500", api_base: "%1$s", api_key: k}
				  - model_name: slow
				    litellm_params: {model: "openai/fake;latency_ms=3000", api_base: "%1$s", api_key: k, timeout: 0.5}
				  - model_name: stalled-stream
				    litellm_params:
				      model: "openai/fake;chunks=3;chunk_delay_ms=3000"
				      api_base: "%1$s"
				      api_key: k
				      stream_timeout: 0.5
				  - model_name: cut-stream
				    litellm_params: {model: "openai/fake;chunks=6;error_after_chunks=2", api_base: "%1$s", api_key: k}
				  - model_name: tool-caller
				    litellm_params: {model: "openai/fake;tool_call=get_weather", api_base: "%1$s", api_key: k}
				  - model_name: unreachable
				    litellm_params: {model: openai/x, api_base: "http://127.0.0.1:1/v1", api_key: k}
				  - model_name: no-key
				    litellm_params: {model: openai/x, api_base: "%1$s", api_key: os.environ/LLMGW_TEST_UNSET_KEY}
				  - model_name: bedrock-model
				    litellm_params: {model: bedrock/anthropic.claude-3-haiku-20240307-v1:0}
				  - model_name: gpt-4o
				    litellm_params: {model: openai/gpt-4o, api_base: "%1$s", api_key: fake-key}
				  - model_name: anthropic.claude-3-5-sonnet-20240620-v1:0
				    litellm_params: {model: openai/claude-sonnet, api_base: "%1$s", api_key: fake-key}
				  - model_name: anthropic.claude-3-haiku-20240307-v1:0
				    litellm_params: {model: openai/claude-haiku, api_base: "%1$s", api_key: fake-key}
				  - model_name: bedrock-claude
				    litellm_params: &bedrock
				      model: bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0
				      aws_bedrock_runtime_endpoint: "%3$s"
				      aws_access_key_id: AKIDFAKE
				      aws_secret_access_key: fake-secret
				      aws_region_name: us-west-2
				  - model_name: bedrock-assumed
				    litellm_params: {<<: *bedrock, aws_role_name: "arn:aws:iam::123456789012:role/bedrock-caller", aws_session_name: gateway-test, aws_sts_endpoint: "%3$s"}
				  - model_name: bedrock-claude-dropping
				    litellm_params: {<<: *bedrock, drop_params: true}
				  - model_name: bedrock-tools
				    litellm_params: {<<: *bedrock, model: "bedrock/converse/anthropic.claude-3-haiku;tool_call=get_weather"}
				  - model_name: bedrock-throttled
				    litellm_params: {<<: *bedrock, model: "bedrock/anthropic.claude-3-haiku;error=rate_limit;retry_after=3"}
				  - model_name: bedrock-too-long
				    litellm_params: {<<: *bedrock, model: "bedrock/anthropic.claude-3-haiku;error=context"}
				  - model_name: bedrock-titan-embed
				    litellm_params: {<<: *bedrock, model: "bedrock/amazon.titan-embed-text-v2:0"}
				  - model_name: bedrock-cohere-embed
				    litellm_params: {<<: *bedrock, model: "bedrock/cohere.embed-english-v3"}
				  - model_name: claude-direct
				    litellm_params: {model: anthropic/claude-3-5-sonnet-20241022, api_base: "%3$s", api_key: fake-key}
				  - model_name: claude-direct-dropping
				    litellm_params: {model: anthropic/claude-3-5-sonnet-20241022, api_base: "%3$s", api_key: k, drop_params: true}
				  - model_name: claude-tools
				    litellm_params: {model: "anthropic/claude;tool_call=get_weather", api_base: "%3$s", api_key: k}
				  - model_name: claude-throttled
				    litellm_params: {model: "anthropic/claude;error=rate_limit;retry_after=3", api_base: "%3$s", api_key: k}
				  - model_name: claude-too-long
				    litellm_params: {model: "anthropic/claude;error=context", api_base: "%3$s", api_key: k}
				  - model_name: azure-whisper
				    litellm_params: {model: azure/whisper-1, api_base: "%3$s", api_key: k, api_version: "2024-10-21"}
				  - model_name: azure-tts
				    litellm_params: {model: azure/tts-1, api_base: "%3$s", api_key: k, api_version: "2024-10-21"}
				  - model_name: azure-gpt
				    litellm_params: {model: azure/gpt-4o-deploy, api_base: "%3$s", api_key: k, api_version: "2024-10-21"}
				  - model_name: azure-tools
				    litellm_params: {model: "azure/gpt;tool_call=get_weather", api_base: "%3$s", api_key: k}
				  - model_name: azure-throttled
				    litellm_params: {model: "azure/gpt;error=rate_limit;retry_after=3", api_base: "%3$s", api_key: k}
				  - model_name: azure-too-long
				    litellm_params: {model: "azure/gpt;error=context", api_base: "%3$s", api_key: k}
				  - model_name: azure-embed
				    litellm_params: {model: azure/text-embedding-3-small, api_base: "%3$s", api_key: k}
				  - model_name: gemini-flash
				    litellm_params: {model: gemini/gemini-2.0-flash, api_base: "%3$s", api_key: k}
				  - model_name: gemini-tools
				    litellm_params: {model: "gemini/gemini;tool_call=get_weather", api_base: "%3$s", api_key: k}
				  - model_name: gemini-throttled
				    litellm_params: {model: "gemini/gemini;error=rate_limit;retry_after=3", api_base: "%3$s", api_key: k}
				  - model_name: gemini-too-long
				    litellm_params: {model: "gemini/gemini;error=context", api_base: "%3$s", api_key: k}
				  - model_name: gemini-blocked
				    litellm_params: {model: "gemini/gemini;error=content_policy", api_base: "%3$s", api_key: k}
				  - model_name: gemini-embed
				    litellm_params: {model: gemini/text-embedding-004, api_base: "%3$s", api_key: k}
				  - model_name: cohere-command
				    litellm_params: {model: cohere/command-r-plus, api_base: "%3$s", api_key: k}
				  - model_name: cohere-tools
				    litellm_params: {model: "cohere_chat/command;tool_call=get_weather", api_base: "%3$s", api_key: k}
				  - model_name: cohere-throttled
				    litellm_params: {model: "cohere/command;error=rate_limit;retry_after=3", api_base: "%3$s", api_key: k}
				  - model_name: cohere-too-long
				    litellm_params: {model: "cohere/command;error=context", api_base: "%3$s", api_key: k}
				  - model_name: cohere-embed
				    litellm_params: {model: cohere/embed-english-v3.0, api_base: "%3$s", api_key: k}
				  - model_name: dall-e-3
				    litellm_params: {model: openai/dall-e-3, api_base: "%1$s", api_key: k}
				  - model_name: azure-dall-e-3
				    litellm_params: {model: azure/dall-e-3, api_base: "%3$s", api_key: k}
				  - model_name: nova-canvas
				    litellm_params: {<<: *bedrock, model: "bedrock/amazon.nova-canvas-v1:0"}
				  - model_name: titan-image
				    litellm_params: {<<: *bedrock, model: "bedrock/amazon.titan-image-generator-v2:0"}
				  - model_name: sd3
				    litellm_params: {<<: *bedrock, model: "bedrock/stability.sd3-large-v1:0"}
				  - model_name: flaky
				    litellm_params: {model: "openai/flaky-broken;error=500", api_base: "%1$s", api_key: k}
				    model_info: {id: flaky-broken}
				  - model_name: flaky
				    litellm_params: {model: openai/flaky-healthy, api_base: "%1$s", api_key: k}
				    model_info: {id: flaky-healthy}
				  - model_name: slow-or-fast
				    litellm_params: {model: "openai/slow-one;latency_ms=3000", api_base: "%1$s", api_key: k, timeout: 0.3}
				    model_info: {id: slow-one}
				  - model_name: slow-or-fast
				    litellm_params: {model: openai/fast-one, api_base: "%1$s", api_key: k}
				    model_info: {id: fast-one}
				  - model_name: small-window
				    litellm_params: {model: "openai/small;error=context", api_base: "%1$s", api_key: k}
				  - model_name: big-window
				    litellm_params: {model: openai/big, api_base: "%1$s", api_key: k}
				    model_info: {id: big-window}
				  - model_name: moderated
				    litellm_params: {model: "openai/strict;error=content_policy", api_base: "%1$s", api_key: k}
				  - model_name: lenient
				    litellm_params: {model: openai/lenient, api_base: "%1$s", api_key: k}
				    model_info: {id: lenient}
				  - model_name: always-down
				    litellm_params: {model: "openai/down;error=503", api_base: "%1$s", api_key: k}
				  - model_name: hiccup
				    litellm_params: {model: "openai/hiccup;error=503;fail_times=1;fail_key=hiccup", api_base: "%1$s", api_key: k, max_retries: 1}
				  - model_name: queued
				    litellm_params: {model: "openai/queued;latency_ms=600", api_base: "%1$s", api_key: k, max_parallel_requests: 1}
				  - model_name: queued-tight
				    litellm_params:
				      model: "openai/tight;latency_ms=1500"
				      api_base: "%1$s"
				      api_key: k
				      max_parallel_requests: 1
				      timeout: 2.0
				  - model_name: priced-slow
				    litellm_params: {model: "openai/gpt-4o-mini;latency_ms=150", api_base: "%1$s", api_key: k}
				    model_info: {base_model: gpt-4o-mini}
				  - model_name: priced-terse
				    litellm_params: {model: "openai/gpt-4o-mini;reply=Noted.", api_base: "%1$s", api_key: k}
				    model_info: {base_model: gpt-4o-mini}
				  - model_name: parallel-key
				    litellm_params: {model: "openai/parallel-key;latency_ms=800", api_base: "%1$s", api_key: k}
				  - model_name: parallel-user
				    litellm_params: {model: "openai/parallel-user;latency_ms=800", api_base: "%1$s", api_key: k}
				  - model_name: parallel-team
				    litellm_params: {model: "openai/parallel-team;latency_ms=800", api_base: "%1$s", api_key: k}
				router_settings:
				  # one attempt unless a test asks for more (a request's num_retries): most tests
				  # here check how an error reads, and LiteLLM's default of two retries would
				  # wait out a backoff before each (RouterReliabilityIntegrationTests checks it)
				  num_retries: 0
				  model_group_alias: {gpt-4: gpt-4o-mini}
				  context_window_fallbacks: [{small-window: [big-window]}]
				  content_policy_fallbacks: [{moderated: [lenient]}]
				  allowed_fails: 1
				  cooldown_time: 60
				litellm_settings:
				  default_key_generate_params: {max_parallel_requests: 7}
				  upperbound_key_generate_params: {max_budget: 1000, rpm_limit: 5000}
				general_settings:
				  master_key: %2$s
				  max_request_size_mb: 1
				"""
			.formatted(fakeBase, MASTER_KEY, fakeBase.substring(0, fakeBase.length() - "/v1".length()));
		try {
			Path file = Files.createTempFile("gateway-test-config", ".yaml");
			Files.writeString(file, yaml);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
