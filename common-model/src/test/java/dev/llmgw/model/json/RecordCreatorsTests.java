package dev.llmgw.model.json;

import java.util.concurrent.atomic.AtomicInteger;

import dev.llmgw.model.openai.ChatCompletionRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RecordCreatorsTests {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private static final JsonMapper DIRECT = JsonMapper.builder().addModule(new RecordCreators()).build();

	private static final String REQUEST = """
			{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"hi"}]},
			{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
			{"role":"tool","tool_call_id":"c1","content":"42"}],
			"stream":true,"stream_options":{"include_usage":true},"max_tokens":7,"max_completion_tokens":8,"temperature":0.5,
			"user":"u","tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
			"tool_choice":"auto","response_format":{"type":"json_object"},"seed":3,"cache":{"no-cache":true}}
			""";

	@Test
	void buildsTheSameRecordsAsJackson() {
		ChatCompletionRequest plain = PLAIN.readValue(REQUEST, ChatCompletionRequest.class);
		ChatCompletionRequest direct = DIRECT.readValue(REQUEST, ChatCompletionRequest.class);
		assertThat(direct).isEqualTo(plain);
		assertThat(DIRECT.writeValueAsString(direct)).isEqualTo(PLAIN.writeValueAsString(plain));
		assertThat(direct.extra()).containsKeys("seed", "cache");
	}

	@Test
	void primitivesAreSetAndAbsentOnesRefusedAsJacksonDoes() {
		assertThat(DIRECT.readValue("{\"count\":2,\"on\":true,\"ratio\":1.5,\"name\":\"n\"}", Primitives.class))
			.isEqualTo(new Primitives(2, true, 1.5, "n"));
		DatabindException plain = catchThrowableOfType(DatabindException.class,
				() -> PLAIN.readValue("{\"name\":\"n\"}", Primitives.class));
		DatabindException direct = catchThrowableOfType(DatabindException.class,
				() -> DIRECT.readValue("{\"name\":\"n\"}", Primitives.class));
		assertThat(direct.getOriginalMessage()).isEqualTo(plain.getOriginalMessage());
	}

	@Test
	void aConstructorThatThrowsGetsJacksonsOwnError() {
		Checked.calls.set(0);
		DatabindException plain = catchThrowableOfType(DatabindException.class,
				() -> PLAIN.readValue("{\"value\":-1}", Checked.class));
		assertThat(Checked.calls).hasValue(1);
		Checked.calls.set(0);
		DatabindException direct = catchThrowableOfType(DatabindException.class,
				() -> DIRECT.readValue("{\"value\":-1}", Checked.class));
		// the direct call failed, then Jackson's own call reported it
		assertThat(Checked.calls).hasValue(2);
		assertThat(direct.getClass()).isEqualTo(plain.getClass());
		assertThat(direct.getOriginalMessage()).isEqualTo(plain.getOriginalMessage()).contains("must not be negative");
		assertThat(direct.getPath()).hasToString(plain.getPath().toString());
	}

	@Test
	void aSuccessfulCallConstructsOnce() {
		Checked.calls.set(0);
		assertThat(DIRECT.readValue("{\"value\":5}", Checked.class).value()).isEqualTo(5);
		assertThat(Checked.calls).hasValue(1);
	}

	@Test
	void anErrorIsNotRetried() {
		Fatal.calls.set(0);
		assertThatThrownBy(() -> DIRECT.readValue("{\"value\":-1}", Fatal.class)).isInstanceOf(AssertionError.class);
		assertThat(Fatal.calls).hasValue(1);
	}

	record Fatal(int value) {

		static final AtomicInteger calls = new AtomicInteger();

		Fatal {
			calls.incrementAndGet();
			if (value < 0) {
				throw new AssertionError("not a bad value but a broken program");
			}
		}

	}

	record Primitives(int count, boolean on, double ratio, String name) {
	}

	record Checked(int value) {

		static final AtomicInteger calls = new AtomicInteger();

		Checked {
			calls.incrementAndGet();
			if (value < 0) {
				throw new IllegalArgumentException("value must not be negative");
			}
		}

	}

}
