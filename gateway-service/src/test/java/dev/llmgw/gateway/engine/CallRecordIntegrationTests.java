package dev.llmgw.gateway.engine;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.support.AdminClient;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The one end-of-call record, as a listener declared like any feature's gets it: every
 * model call's facts, whatever its route and however it ended, and nothing for requests
 * that call no model.
 */
class CallRecordIntegrationTests extends GatewayTestBase {

	@Autowired
	Recorder recorder;

	@Test
	void aChatCallsRecordHasItsCallerDeploymentUsageCostAndTimings() {
		AdminClient api = new AdminClient(url(""));
		String key = api.post("/key/generate", MASTER_KEY, Map.of("key_alias", "record-test")).text("/key");
		HttpResponse<String> response = send(request("/v1/chat/completions").header("Authorization", "Bearer " + key)
			.header("x-litellm-customer-id", "customer-7")
			.POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o-mini", "hello there")))
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
		CallRecord record = this.recorder.of(response);
		assertThat(record.kind()).isEqualTo(CallKind.CHAT);
		assertThat(record.keyHash()).isEqualTo(KeyHashes.sha256Hex(key));
		assertThat(record.keyAlias()).isEqualTo("record-test");
		assertThat(record.endUser()).isEqualTo("customer-7");
		assertThat(record.model()).isEqualTo("gpt-4o-mini");
		assertThat(record.modelGroup()).isEqualTo("gpt-4o-mini");
		assertThat(record.deploymentId()).isEqualTo(response.headers().firstValue("x-litellm-model-id").orElseThrow());
		assertThat(record.provider()).isNotBlank();
		assertThat(record.usage().promptTokens()).isEqualTo(2);
		assertThat(record.usage().completionTokens()).isEqualTo(4);
		assertThat(record.cost()).isCloseTo(
				Double.parseDouble(response.headers().firstValue("x-litellm-response-cost").orElseThrow()),
				within(1e-15));
		assertThat(record.status()).isEqualTo(200);
		assertThat(record.success()).isTrue();
		assertThat(record.errorClass()).isNull();
		assertThat(record.cacheHit()).isFalse();
		assertThat(record.firstByteMillis()).isBetween(0L, record.durationMillis());
		assertThat(record.endTime()).isAfterOrEqualTo(record.startTime());
		assertThat(record.bodies()).as("no listener asked for the bodies").isEqualTo(CallRecord.Bodies.NONE);
	}

	@Test
	void aStreamsRecordHasTheUsageOfItsLastChunk() {
		HttpResponse<String> response = post("/v1/chat/completions", streamChat("gpt-4o-mini", "one two three", true));
		assertThat(response.statusCode()).isEqualTo(200);
		CallRecord record = this.recorder.of(response);
		assertThat(record.kind()).isEqualTo(CallKind.CHAT);
		assertThat(record.usage().promptTokens()).isEqualTo(3);
		assertThat(record.usage().completionTokens()).isPositive();
		assertThat(record.cost()).isPositive();
		assertThat(record.success()).isTrue();
		assertThat(record.keyHash()).as("the master key has no hash").isNull();
	}

	@Test
	void aRefusedCallIsRecordedWithItsErrorAndNoCost() {
		HttpResponse<String> unknown = post("/v1/chat/completions", chat("no-such-model", "hi"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		CallRecord record = this.recorder.of(unknown);
		assertThat(record.deploymentId()).as("no deployment was chosen").isNull();
		assertThat(record.status()).isEqualTo(400);
		assertThat(record.success()).isFalse();
		assertThat(record.errorClass()).isEqualTo("BadRequestError");
		assertThat(record.cost()).isZero();
		HttpResponse<String> broken = post("/v1/chat/completions", chat("broken", "hi"));
		assertThat(broken.statusCode()).isGreaterThanOrEqualTo(500);
		CallRecord failed = this.recorder.of(broken);
		assertThat(failed.deploymentId()).isNotNull();
		assertThat(failed.success()).isFalse();
		assertThat(failed.errorClass()).isNotNull();
	}

	@Test
	void embeddingsAreRecordedAndRequestsWithoutAModelCallAreNot() {
		HttpResponse<String> response = post("/v1/embeddings",
				"{\"model\":\"text-embedding-3-small\",\"input\":\"some words here\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		CallRecord record = this.recorder.of(response);
		assertThat(record.kind()).isEqualTo(CallKind.EMBEDDING);
		assertThat(record.usage().promptTokens()).isPositive();
		HttpResponse<String> models = get("/v1/models");
		assertThat(models.statusCode()).isEqualTo(200);
		String callId = models.headers().firstValue("x-litellm-call-id").orElseThrow();
		post("/v1/chat/completions", chat("gpt-4o-mini", "after the listing"));
		this.recorder.waitForCount(this.recorder.records.size());
		assertThat(this.recorder.records).extracting(CallRecord::callId).doesNotContain(callId);
	}

	@TestConfiguration
	static class ListenerConfiguration {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	/** A listener of its own thread, as any feature's would be. */
	static class Recorder implements CallListener {

		final List<CallRecord> records = new CopyOnWriteArrayList<>();

		@Override
		public String name() {
			return "test-recorder";
		}

		@Override
		public void onCallEnd(CallRecord record) {
			this.records.add(record);
		}

		CallRecord of(HttpResponse<?> response) {
			String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				for (CallRecord record : this.records) {
					if (record.callId().equals(callId)) {
						return record;
					}
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
			throw new AssertionError("no record for call " + callId);
		}

		void waitForCount(int count) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (this.records.size() < count && System.nanoTime() < deadline) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
			}
		}

	}

}
