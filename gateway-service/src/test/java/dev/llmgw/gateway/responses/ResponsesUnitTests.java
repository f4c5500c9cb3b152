package dev.llmgw.gateway.responses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.model.openai.ChatCompletion;
import dev.llmgw.model.openai.ChatCompletionRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Responses API's translators without a server: a Responses request (and the
 * conversation it continues) to a chat request, the input items and their 400s, a chat
 * completion to a response object, chat chunk frames to typed stream events, and pages of
 * input items.
 */
class ResponsesUnitTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	// ResponsesToChat

	@Test
	void instructionsStringIsTheFirstSystemMessage() {
		JsonNode chat = chat("{\"model\":\"m\",\"instructions\":\"be brief\",\"input\":\"hi\"}");
		assertThat(chat.get("messages").toString())
			.isEqualTo("[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi\"}]");
		assertThat(chat.get("model").asString()).isEqualTo("m");
	}

	@Test
	void instructionsListIsTheTextOfItsMessagesJoined() {
		JsonNode chat = chat(
				"""
						{"model":"m","input":"hi","instructions":[
						  {"role":"developer","content":"one"},
						  {"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
						  {"role":"system","content":[{"type":"input_text","text":"two"},{"type":"input_text","text":"!"}]}]}""");
		assertThat(chat.get("messages").get(0).toString())
			.isEqualTo("{\"role\":\"system\",\"content\":\"one\\n\\ntwo!\"}");
		assertThat(chat.get("messages")).hasSize(2);
	}

	@Test
	void instructionsOfAnotherTypeAreA400NamingInstructions() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"instructions\":5}"), "instructions");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"instructions\":{\"a\":1}}"), "instructions");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"instructions\":[\"x\"]}"), "instructions[0]");
		assertParam(
				() -> chat(
						"{\"model\":\"m\",\"input\":\"hi\",\"instructions\":[{\"role\":\"robot\",\"content\":\"x\"}]}"),
				"instructions[0].role");
	}

	@Test
	void chatsResponseFormatIsRefusedAndABlankToolNameIsA400() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"response_format\":{\"type\":\"json_object\"}}"),
				"response_format");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\" \"}]}"),
				"tools[0].name");
	}

	@Test
	void emptyInstructionsAddNoSystemMessage() {
		JsonNode chat = chat("{\"model\":\"m\",\"instructions\":\"\",\"input\":\"hi\"}");
		assertThat(chat.get("messages")).hasSize(1);
	}

	@Test
	void developerReadsAsSystemAndAssistantAndSystemTurnsAreText() {
		JsonNode chat = chat("""
				{"model":"m","input":[
				  {"role":"developer","content":"rules"},
				  {"role":"user","content":"q"},
				  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"a"},
				    {"type":"refusal","refusal":" no"}]},
				  {"role":"user","content":[{"type":"input_text","text":"x"},{"type":"input_text","text":"y"}]}]}""");
		assertThat(chat.get("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"rules\"},"
				+ "{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a no\"},"
				+ "{\"role\":\"user\",\"content\":\"xy\"}]");
	}

	@Test
	void consecutiveFunctionCallsAreOneAssistantTurnAndTheirOutputsToolMessages() {
		JsonNode chat = chat("""
				{"model":"m","input":[
				  {"role":"user","content":"weather in Paris and Rome?"},
				  {"type":"function_call","call_id":"c1","name":"w","arguments":"{\\"city\\":\\"Paris\\"}"},
				  {"type":"function_call","call_id":"c2","name":"w","arguments":"{\\"city\\":\\"Rome\\"}"},
				  {"type":"function_call_output","call_id":"c1","output":"sunny"},
				  {"type":"function_call_output","call_id":"c2","output":"rain"}]}""");
		JsonNode messages = chat.get("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
				+ "{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"w\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},"
				+ "{\"id\":\"c2\",\"type\":\"function\",\"function\":{\"name\":\"w\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]}");
		assertThat(messages.get(2).toString())
			.isEqualTo("{\"role\":\"tool\",\"content\":\"sunny\",\"tool_call_id\":\"c1\"}");
		assertThat(messages.get(3).toString())
			.isEqualTo("{\"role\":\"tool\",\"content\":\"rain\",\"tool_call_id\":\"c2\"}");
	}

	@Test
	void aFunctionCallAfterAssistantTextJoinsThatTurn() {
		JsonNode chat = chat("""
				{"model":"m","input":[
				  {"role":"user","content":"q"},
				  {"role":"assistant","content":"Let me check."},
				  {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
				  {"type":"function_call_output","call_id":"c1","output":"ok"},
				  {"type":"function_call","call_id":"c2","name":"g","arguments":"{}"}]}""");
		JsonNode messages = chat.get("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(1).get("content").asString()).isEqualTo("Let me check.");
		assertThat(messages.get(1).get("tool_calls")).hasSize(1);
		assertThat(messages.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("c1");
		// after a tool message, a call starts a new assistant turn
		assertThat(messages.get(3).get("role").asString()).isEqualTo("assistant");
		assertThat(messages.get(3).get("tool_calls").get(0).get("id").asString()).isEqualTo("c2");
	}

	@Test
	void aFunctionCallOutputOfPartsIsToolContentParts() {
		JsonNode chat = chat("""
				{"model":"m","input":[
				  {"type":"function_call","call_id":"c1","name":"f","arguments":"{}"},
				  {"type":"function_call_output","call_id":"c1","output":[
				    {"type":"input_text","text":"see"},
				    {"type":"input_image","image_url":"data:image/png;base64,AA","detail":"low"}]}]}""");
		assertThat(chat.get("messages").get(1).toString()).isEqualTo("{\"role\":\"tool\",\"content\":["
				+ "{\"type\":\"text\",\"text\":\"see\"},"
				+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA\",\"detail\":\"low\"}}],"
				+ "\"tool_call_id\":\"c1\"}");
	}

	@Test
	void imagesAndFilesAreChatContentParts() {
		JsonNode chat = chat("""
				{"model":"m","input":[{"role":"user","content":[
				  {"type":"input_text","text":"what is this?"},
				  {"type":"input_image","image_url":"https://x/cat.png","detail":"high"},
				  {"type":"input_image","image_url":"https://x/dog.png"},
				  {"type":"input_file","file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"},
				  {"type":"input_file","file_data":"data:application/pdf;base64,JVBE"}]}]}""");
		assertThat(chat.get("messages").get(0).get("content").toString())
			.isEqualTo("[{\"type\":\"text\",\"text\":\"what is this?\"},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/cat.png\",\"detail\":\"high\"}},"
					+ "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/dog.png\"}},"
					+ "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBE\",\"filename\":\"a.pdf\"}},"
					+ "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBE\"}}]");
	}

	@Test
	void reasoningItemsAreNotSentToChat() {
		JsonNode chat = chat("""
				{"model":"m","input":[{"type":"reasoning","summary":[{"type":"summary_text","text":"hmm"}]},
				  {"role":"user","content":"q"}]}""");
		assertThat(chat.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"q\"}]");
	}

	@Test
	void theConversationSoFarComesBeforeTheInput() {
		List<ResponseItem> history = ResponseItems.parse(JSON.readValue("""
				[{"role":"user","content":"one"},{"role":"assistant","content":"You said: one"}]""", List.class));
		ResponsesRequest request = request("{\"model\":\"m\",\"instructions\":\"new\",\"input\":\"two\"}");
		JsonNode chat = JSON
			.valueToTree(ResponsesToChat.translate(request, history, ResponseItems.parse(request.input())));
		assertThat(chat.get("messages").toString()).isEqualTo("[{\"role\":\"system\",\"content\":\"new\"},"
				+ "{\"role\":\"user\",\"content\":\"one\"},{\"role\":\"assistant\",\"content\":\"You said: one\"},"
				+ "{\"role\":\"user\",\"content\":\"two\"}]");
	}

	@Test
	void noMessageToAnswerIsA400() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":[]}"), "input");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\",\"summary\":[]}]}"), "input");
	}

	@Test
	void functionToolsAreWrappedInChatsForm() {
		JsonNode chat = chat("""
				{"model":"m","input":"hi","tools":[
				  {"type":"function","name":"w","description":"weather","parameters":{"type":"object"},"strict":true},
				  {"type":"function","name":"v"}]}""");
		assertThat(chat.get("tools").toString()).isEqualTo("[{\"type\":\"function\",\"function\":{\"name\":\"w\","
				+ "\"description\":\"weather\",\"parameters\":{\"type\":\"object\"},\"strict\":true}},"
				+ "{\"type\":\"function\",\"function\":{\"name\":\"v\"}}]");
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[]}").has("tools")).isFalse();
	}

	@Test
	void toolsOtherThanFunctionsAndNamelessFunctionsAre400s() {
		assertParam(() -> chat("""
				{"model":"m","input":"hi","tools":[{"type":"function","name":"f"},{"type":"web_search_preview"}]}"""),
				"tools[1].type");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"name\":\"f\"}]}"), "tools[0].type");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}"),
				"tools[0].name");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"\"}]}"),
				"tools[0].name");
	}

	@Test
	void toolChoiceStringsPassAndANamedFunctionIsWrapped() {
		assertThat(
				chat("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"required\"}").get("tool_choice").asString())
			.isEqualTo("required");
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}}")
			.get("tool_choice")).isEqualTo(tree("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}"));
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\"}").has("tool_choice")).isFalse();
	}

	@Test
	void toolChoiceOfAnotherShapeIsA400() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"function\"}}"),
				"tool_choice");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":{\"type\":\"file_search\"}}"),
				"tool_choice");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":5}"), "tool_choice");
	}

	@Test
	void textFormatIsResponseFormat() {
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_object\"}}}")
			.get("response_format")
			.toString()).isEqualTo("{\"type\":\"json_object\"}");
		JsonNode schema = chat("""
				{"model":"m","input":"hi","text":{"format":{"type":"json_schema","name":"person",
				  "description":"a person","schema":{"type":"object"},"strict":true}}}""").get("response_format");
		assertThat(schema.get("type").asString()).isEqualTo("json_schema");
		assertThat(schema.get("json_schema").toString()).isEqualTo(
				"{\"name\":\"person\",\"description\":\"a person\",\"schema\":{\"type\":\"object\"},\"strict\":true}");
		JsonNode unnamed = chat("""
				{"model":"m","input":"hi","text":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""")
			.get("response_format");
		assertThat(unnamed.get("json_schema").get("name").asString()).isEqualTo("response");
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"text\"}}}")
			.has("response_format")).isFalse();
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{}}").has("response_format")).isFalse();
	}

	@Test
	void anUnknownTextFormatIsA400() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}}"),
				"text.format.type");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{}}}"), "text.format.type");
	}

	@Test
	void aTextFormatOrReasoningEffortOfAnotherTypeIsA400() {
		// both are echoed in the response object, where the SDKs expect an object and a
		// string
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":5}}"), "text.format");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":\"json\"}}"), "text.format");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":[]}}"), "text.format");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"reasoning\":{\"effort\":5}}"), "reasoning.effort");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"reasoning\":{\"effort\":{}}}"), "reasoning.effort");
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":null},\"reasoning\":{\"effort\":null}}")
			.has("reasoning_effort")).isFalse();
	}

	@Test
	void settingsTakeTheirChatNames() {
		JsonNode chat = chat("""
				{"model":"m","input":"hi","reasoning":{"effort":"high","summary":"auto"},"max_output_tokens":50,
				 "temperature":0.2,"top_p":0.9,"user":"u1","parallel_tool_calls":false,"metadata":{"k":"v"}}""");
		assertThat(chat.get("reasoning_effort").asString()).isEqualTo("high");
		assertThat(chat.get("max_tokens").asInt()).isEqualTo(50);
		assertThat(chat.get("temperature").asDouble()).isEqualTo(0.2);
		assertThat(chat.get("top_p").asDouble()).isEqualTo(0.9);
		assertThat(chat.get("user").asString()).isEqualTo("u1");
		assertThat(chat.get("parallel_tool_calls").asBoolean()).isFalse();
		assertThat(chat.get("metadata").toString()).isEqualTo("{\"k\":\"v\"}");
		assertThat(chat.has("reasoning")).isFalse();
		assertThat(chat.has("max_output_tokens")).isFalse();
		assertThat(chat.has("stream")).isFalse();
		assertThat(chat.has("stream_options")).isFalse();
	}

	@Test
	void aStreamAlwaysAsksForUsage() {
		ChatCompletionRequest chat = translate("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}");
		assertThat(chat.isStream()).isTrue();
		assertThat(chat.wantsUsageInStream()).isTrue();
		assertThat(JSON.valueToTree(chat).get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
		ChatCompletionRequest whole = translate("{\"model\":\"m\",\"input\":\"hi\",\"stream\":false}");
		assertThat(whole.stream()).isNull();
		assertThat(whole.streamOptions()).isNull();
	}

	@Test
	void responsesOnlyFieldsAreDroppedAndOthersPassThrough() {
		JsonNode chat = chat("""
				{"model":"m","input":"hi","include":["reasoning.encrypted_content"],"truncation":"auto","store":true,
				 "service_tier":"auto","prompt_cache_key":"k","safety_identifier":"s","max_tool_calls":3,
				 "top_logprobs":2,"stream_options":{"include_obfuscation":false},"background":false,
				 "prompt":null,"fallbacks":["gpt-4o"],"mock_response":"mocked","seed":7}""");
		List<String> names = new ArrayList<>();
		chat.propertyNames().forEach(names::add);
		assertThat(names).containsExactlyInAnyOrder("model", "messages", "fallbacks", "mock_response", "seed");
		assertThat(chat.get("fallbacks").toString()).isEqualTo("[\"gpt-4o\"]");
		assertThat(chat.get("mock_response").asString()).isEqualTo("mocked");
	}

	@Test
	void responsesFieldsWithNoChatFormAre400s() {
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"background\":true}"), "background");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"conversation\":\"conv_1\"}"), "conversation");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"prompt\":{\"id\":\"pmpt_1\"}}"), "prompt");
	}

	@Test
	void chatsMessagesIsA400AndMaxOutputTokensWinsOverMaxTokens() {
		assertParam(
				() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
				"messages");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":\"hi\",\"messages\":null}"), "messages");
		ChatCompletionRequest both = translate(
				"{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":5,\"max_tokens\":7}");
		assertThat(both.maxTokens()).isEqualTo(5);
		assertThat(both.extra()).doesNotContainKey("max_tokens");
		String written = JSON.writeValueAsString(both);
		assertThat(written.split("max_tokens", -1)).as(written).hasSize(2);
		// alone, a caller's max_tokens passes through once, as any other chat field
		assertThat(chat("{\"model\":\"m\",\"input\":\"hi\",\"max_tokens\":7}").get("max_tokens").asInt()).isEqualTo(7);
	}

	@Test
	void aRequestNestedWithinTwoLevelsOfTheWriteLimitIsA400() {
		// {"metadata":{"a":[[...]]}}: the body and metadata are two levels, then the
		// arrays
		assertThatCode(() -> ResponsesToChat.checkDepth(nested("metadata", 8), 12)).doesNotThrowAnyException();
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(nested("metadata", 9), 12))
			.isInstanceOf(BadRequestError.class)
			.hasMessageContaining("at most 10 levels");
		assertThatCode(() -> ResponsesToChat.checkDepth(nested("fallbacks", 8), 12)).doesNotThrowAnyException();
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(nested("fallbacks", 9), 12))
			.isInstanceOf(BadRequestError.class);
		// tools: the body, the list and the tool
		assertThatCode(() -> ResponsesToChat.checkDepth(nested("tools", 7), 12)).doesNotThrowAnyException();
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(nested("tools", 8), 12))
			.isInstanceOf(BadRequestError.class);
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(nested("text", 9), 12)).isInstanceOf(BadRequestError.class);
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(
				request("""
						{"input":[{"role":"user","content":[{"type":"input_image","image_url":"u","detail":[[[[[[[[]]]]]]]]}]}]}"""),
				12))
			.isInstanceOf(BadRequestError.class);
		assertThatCode(() -> ResponsesToChat.checkDepth(request("{\"input\":\"x\",\"prompt\":null,\"user\":\"u\"}"), 3))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> ResponsesToChat.checkDepth(request("{\"input\":[]}"), 3))
			.isInstanceOf(BadRequestError.class);
	}

	// ResponseItems

	@Test
	void aStringInputIsOneUserMessage() {
		List<ResponseItem> items = ResponseItems.parse("hello");
		assertThat(items).hasSize(1);
		ResponseItem.Message message = (ResponseItem.Message) items.get(0);
		assertThat(message.id()).startsWith("msg_");
		assertThat(message.role()).isEqualTo("user");
		assertThat(JSON.valueToTree(message.toWire()).toString()).isEqualTo(
				"{\"type\":\"message\",\"id\":\"" + message.id() + "\",\"status\":\"completed\",\"role\":\"user\","
						+ "\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}");
	}

	@Test
	void itemsKeepTheirIdsOrGetOneOfTheirKind() {
		List<ResponseItem> items = ResponseItems.parse(JSON.readValue("""
				[{"role":"user","content":"a","id":"msg_given"},
				 {"type":"function_call","call_id":"c","name":"f","arguments":"{}"},
				 {"type":"function_call_output","call_id":"c","output":"x","id":""},
				 {"type":"reasoning","summary":[]},
				 {"role":"assistant","content":"b","id":5}]""", List.class));
		assertThat(items.get(0).id()).isEqualTo("msg_given");
		assertThat(items.get(1).id()).matches("fc_[0-9a-f]{48}");
		assertThat(items.get(2).id()).matches("fco_[0-9a-f]{48}");
		assertThat(items.get(3).id()).matches("rs_[0-9a-f]{48}");
		assertThat(items.get(4).id()).matches("msg_[0-9a-f]{48}");
		String tooLong = "x".repeat(129);
		assertThat(ResponseItems.item(Map.of("role", "user", "content", "a", "id", tooLong), "input[0]").id())
			.isNotEqualTo(tooLong);
	}

	@Test
	void anAssistantStringIsOutputTextAndAStoredStatusIsKept() {
		ResponseItem.Message message = (ResponseItem.Message) ResponseItems
			.item(Map.of("role", "assistant", "content", "b", "status", "incomplete"), "input[0]");
		assertThat(message.content()).containsExactly(ResponseItem.outputText("b"));
		assertThat(message.status()).isEqualTo("incomplete");
	}

	@Test
	void theWireFormsOfEachItem() {
		assertThat(JSON.valueToTree(new ResponseItem.FunctionCall("fc_1", "c", "f", "{}", "completed").toWire())
			.toString()).isEqualTo(
					"{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":\"{}\","
							+ "\"status\":\"completed\"}");
		assertThat(JSON.valueToTree(new ResponseItem.FunctionCallOutput("fco_1", "c", "out").toWire()).toString())
			.isEqualTo("{\"type\":\"function_call_output\",\"id\":\"fco_1\",\"call_id\":\"c\",\"output\":\"out\","
					+ "\"status\":\"completed\"}");
		assertThat(JSON.valueToTree(new ResponseItem.Reasoning("rs_1", List.of("a", "b"), null).toWire()).toString())
			.isEqualTo(
					"{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"a\"},"
							+ "{\"type\":\"summary_text\",\"text\":\"b\"}]}");
	}

	@Test
	void storedItemsReadBackAsTheyWereWritten() {
		List<ResponseItem> items = List.of(new ResponseItem.FunctionCall("fc_1", "c", "f", "{}", "completed"),
				new ResponseItem.FunctionCallOutput("fco_1", "c", List.of(ResponseItems.inputText("x"))),
				new ResponseItem.Reasoning("rs_1", List.of("a"), null),
				new ResponseItem.Message("msg_1", "assistant",
						List.of(ResponseItem.outputText("t"), Map.of("type", "refusal", "refusal", "no")),
						"completed"));
		for (ResponseItem item : items) {
			Object stored = JSON.readValue(JSON.writeValueAsString(item.toWire()), Map.class);
			JsonNode read = JSON.valueToTree(ResponseItems.item(stored, "output").toWire());
			assertThat(read).isEqualTo(JSON.valueToTree(item.toWire()));
		}
	}

	@Test
	void whatCannotBeReadIsA400NamingTheField() {
		assertThatThrownBy(() -> ResponseItems.parse(null)).isInstanceOf(BadRequestError.class)
			.hasMessageContaining("Missing required parameter: 'input'");
		assertParam(() -> ResponseItems.parse(42), "input");
		assertParam(() -> ResponseItems.parse(Map.of("role", "user")), "input");
		assertItemsParam("[{\"role\":\"user\",\"content\":\"a\"},5]", "input[1]");
		assertItemsParam("[null]", "input[0]");
		assertItemsParam("[{\"type\":5}]", "input[0].type");
		assertItemsParam("[{\"content\":\"a\"}]", "input[0].type");
		// kept whole for a provider's own Responses API; refused where translated to chat
		assertThat(ResponseItems.parse(List.of(Map.of("type", "item_reference", "id", "msg_1"))).get(0))
			.isInstanceOf(ResponseItem.Opaque.class);
		assertParam(() -> chat("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}"),
				"input[0].type");
		assertParam(() -> chat("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"a\"},"
				+ "{\"type\":\"web_search_call\"}]}"), "input[1].type");
		assertItemsParam("[{\"type\":\"message\",\"content\":\"a\"}]", "input[0].role");
		assertItemsParam("[{\"role\":\"robot\",\"content\":\"a\"}]", "input[0].role");
		assertItemsParam("[{\"role\":\"user\"}]", "input[0].content");
		assertItemsParam("[{\"role\":\"user\",\"content\":5}]", "input[0].content");
		assertItemsParam("[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"user\",\"content\":[null]}]",
				"input[1].content[0]");
		assertItemsParam("[{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}]", "input[0].content[0]");
		assertItemsParam("[{\"role\":\"user\",\"content\":\"a\"},"
				+ "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]", "input[1].content[0].type");
		assertItemsParam("[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\"}]}]", "input[0].content[0].text");
		assertItemsParam("[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":5}]}]",
				"input[0].content[0].text");
		assertItemsParam("[{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\"}]}]",
				"input[0].content[0].refusal");
		assertItemsParam("[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file_1\"}]}]",
				"input[0].content[0].image_url");
		assertItemsParam("[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_id\":\"file_1\"}]}]",
				"input[0].content[0].file_data");
		assertItemsParam("[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]", "input[0].call_id");
		assertItemsParam("[{\"type\":\"function_call\",\"call_id\":\"c\",\"arguments\":\"{}\"}]", "input[0].name");
		assertItemsParam("[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\",\"arguments\":{}}]",
				"input[0].arguments");
		assertItemsParam("[{\"type\":\"function_call_output\",\"output\":\"x\"}]", "input[0].call_id");
		assertItemsParam("[{\"type\":\"function_call_output\",\"call_id\":\"c\"}]", "input[0].output");
		assertItemsParam("[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":5}]", "input[0].output");
		assertItemsParam("[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":[{\"type\":\"x\"}]}]",
				"input[0].output[0].type");
		assertItemsParam("[{\"type\":\"reasoning\",\"summary\":[5]}]", "input[0].summary");
		assertItemsParam("[{\"type\":\"reasoning\",\"summary\":[null]}]", "input[0].summary");
	}

	@Test
	void aReasoningItemWithoutSummaryHasNone() {
		Map<String, Object> item = new java.util.HashMap<>();
		item.put("type", "reasoning");
		item.put("summary", null);
		assertThat(((ResponseItem.Reasoning) ResponseItems.item(item, "input[0]")).summary()).isEmpty();
	}

	// ChatToResponse

	@Test
	void aCompletionsTextIsOneAssistantMessageAndItsUsageIsMapped() {
		ResponseObject response = response("""
				{"id":"c","object":"chat.completion","created":1,"model":"gpt-4o-2024",
				 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi."}}],
				 "usage":{"prompt_tokens":100,"completion_tokens":20,"total_tokens":999,
				   "prompt_tokens_details":{"cached_tokens":60},"cache_creation_input_tokens":30,
				   "completion_tokens_details":{"reasoning_tokens":12}}}""", "{\"model\":\"gpt-4o\",\"input\":\"hi\"}");
		JsonNode json = JSON.valueToTree(response);
		assertThat(json.get("id").asString()).isEqualTo("resp_test");
		assertThat(json.get("object").asString()).isEqualTo("response");
		assertThat(json.get("created_at").asLong()).isEqualTo(1700000000L);
		assertThat(json.get("status").asString()).isEqualTo("completed");
		assertThat(json.get("incomplete_details").isNull()).isTrue();
		assertThat(json.get("model").asString()).isEqualTo("gpt-4o-2024");
		assertThat(json.get("output")).hasSize(1);
		JsonNode message = json.get("output").get(0);
		assertThat(message.get("id").asString()).matches("msg_[0-9a-f]{48}");
		assertThat(message.get("role").asString()).isEqualTo("assistant");
		assertThat(message.get("content").toString())
			.isEqualTo("[{\"type\":\"output_text\",\"text\":\"Hi.\",\"annotations\":[],\"logprobs\":[]}]");
		assertThat(tree(json.get("usage").toString())).isEqualTo(tree("{\"input_tokens\":100,"
				+ "\"input_tokens_details\":{\"cached_tokens\":60,\"cache_write_tokens\":30},\"output_tokens\":20,"
				+ "\"output_tokens_details\":{\"reasoning_tokens\":12},\"total_tokens\":120}"));
	}

	@Test
	void aResponseEchoesTheRequestsSettingsWithOpenAisDefaults() {
		JsonNode plain = JSON
			.valueToTree(response(completion("\"content\":\"x\"", "stop", ""), "{\"model\":\"m\",\"input\":\"hi\"}"));
		assertThat(plain.get("temperature").asDouble()).isEqualTo(1.0);
		assertThat(plain.get("top_p").asDouble()).isEqualTo(1.0);
		assertThat(plain.get("tool_choice").asString()).isEqualTo("auto");
		assertThat(plain.get("tools")).isEmpty();
		assertThat(plain.get("text").toString()).isEqualTo("{\"format\":{\"type\":\"text\"}}");
		assertThat(plain.get("reasoning").toString()).isEqualTo("{\"effort\":null,\"summary\":null}");
		assertThat(plain.get("parallel_tool_calls").asBoolean()).isTrue();
		assertThat(plain.get("store").asBoolean()).isTrue();
		assertThat(plain.get("truncation").asString()).isEqualTo("disabled");
		assertThat(plain.get("metadata").toString()).isEqualTo("{}");
		assertThat(plain.get("usage").get("total_tokens").asLong()).isZero();
		JsonNode set = JSON.valueToTree(response(completion("\"content\":\"x\"", "stop", ""), """
				{"model":"m","input":"hi","temperature":0.5,"store":false,"instructions":"be","max_output_tokens":9,
				 "previous_response_id":"resp_prev","reasoning":{"effort":"low"},"parallel_tool_calls":false,
				 "text":{"format":{"type":"json_object"}},"user":"u","metadata":{"a":"b"}}"""));
		assertThat(set.get("temperature").asDouble()).isEqualTo(0.5);
		assertThat(set.get("store").asBoolean()).isFalse();
		assertThat(set.get("instructions").asString()).isEqualTo("be");
		assertThat(set.get("max_output_tokens").asInt()).isEqualTo(9);
		assertThat(set.get("previous_response_id").asString()).isEqualTo("resp_prev");
		assertThat(set.get("reasoning").get("effort").asString()).isEqualTo("low");
		assertThat(set.get("parallel_tool_calls").asBoolean()).isFalse();
		assertThat(set.get("text").toString()).isEqualTo("{\"format\":{\"type\":\"json_object\"}}");
		assertThat(set.get("user").asString()).isEqualTo("u");
		assertThat(set.get("metadata").toString()).isEqualTo("{\"a\":\"b\"}");
	}

	@Test
	void aRefusalIsARefusalPart() {
		JsonNode json = JSON.valueToTree(
				response(completion("\"content\":null,\"refusal\":\"I can't.\"", "stop", ""), "{\"input\":\"x\"}"));
		assertThat(json.get("output")).hasSize(1);
		assertThat(json.get("output").get(0).get("content"))
			.isEqualTo(tree("[{\"type\":\"refusal\",\"refusal\":\"I can't.\"}]"));
	}

	@Test
	void reasoningComesFirstThenTextThenFunctionCalls() {
		JsonNode json = JSON.valueToTree(response(completion("""
				"content":"Checking.","reasoning_content":"the user wants weather",
				"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{\\"c\\":1}"}},
				  {"id":"call_2","type":"function","function":{"name":"v"}},
				  {"type":"function","function":{"name":"u","arguments":"{}"}}, 5, {"id":"call_x"}]""", "tool_calls",
				""), "{\"input\":\"x\"}"));
		JsonNode output = json.get("output");
		assertThat(output).hasSize(5);
		assertThat(output.get(0).toString()).matches("\\{\"type\":\"reasoning\",\"id\":\"rs_[0-9a-f]{48}\","
				+ "\"summary\":\\[\\{\"type\":\"summary_text\",\"text\":\"the user wants weather\"}]}");
		assertThat(output.get(1).get("type").asString()).isEqualTo("message");
		assertThat(output.get(2).get("type").asString()).isEqualTo("function_call");
		assertThat(output.get(2).get("id").asString()).matches("fc_[0-9a-f]{48}");
		assertThat(output.get(2).get("call_id").asString()).isEqualTo("call_1");
		assertThat(output.get(2).get("name").asString()).isEqualTo("w");
		assertThat(output.get(2).get("arguments").asString()).isEqualTo("{\"c\":1}");
		assertThat(output.get(2).get("status").asString()).isEqualTo("completed");
		assertThat(output.get(3).get("arguments").asString()).isEqualTo("{}");
		assertThat(output.get(4).get("call_id").asString()).matches("call_[0-9a-f]{48}");
		assertThat(json.get("status").asString()).isEqualTo("completed");
	}

	@Test
	void aCutAnswerIsIncomplete() {
		JsonNode length = JSON
			.valueToTree(response(completion("\"content\":\"Once upon\"", "length", ""), "{\"input\":\"x\"}"));
		assertThat(length.get("status").asString()).isEqualTo("incomplete");
		assertThat(length.get("incomplete_details").toString()).isEqualTo("{\"reason\":\"max_output_tokens\"}");
		assertThat(length.get("output").get(0).get("content").get(0).get("text").asString()).isEqualTo("Once upon");
		JsonNode filtered = JSON
			.valueToTree(response(completion("\"content\":\"\"", "content_filter", ""), "{\"input\":\"x\"}"));
		assertThat(filtered.get("status").asString()).isEqualTo("incomplete");
		assertThat(filtered.get("incomplete_details").toString()).isEqualTo("{\"reason\":\"content_filter\"}");
		assertThat(filtered.get("output")).isEmpty();
	}

	@Test
	void aCompletionWithoutChoicesOrUsageIsAnEmptyResponse() {
		JsonNode json = JSON.valueToTree(response("""
				{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[]}""", "{\"input\":\"x\"}"));
		assertThat(json.get("status").asString()).isEqualTo("completed");
		assertThat(json.get("output")).isEmpty();
		assertThat(tree(json.get("usage").toString())).isEqualTo(tree("{\"input_tokens\":0,"
				+ "\"input_tokens_details\":{\"cached_tokens\":0,\"cache_write_tokens\":0},\"output_tokens\":0,"
				+ "\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":0}"));
	}

	// ChatToResponseStream

	@Test
	void streamedReasoningAndRefusalsAreItemsOfTheirOwn() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events, chunk("{\"reasoning_content\":\"Think\"}", null),
				chunk("{\"reasoning_content\":\"ing.\"}", null), chunk("{\"refusal\":\"I can\"}", null),
				chunk("{\"refusal\":\"not.\"}", null), chunk("{}", "stop"), "[DONE]");
		close(stream, events);
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.reasoning_summary_part.added",
				"response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
				"response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
				"response.output_item.done", "response.output_item.added", "response.content_part.added",
				"response.refusal.delta", "response.refusal.delta", "response.refusal.done",
				"response.content_part.done", "response.output_item.done", "response.completed");
		assertNumberedFromZero(events);
		assertThat(events.get(6).get("text").asString()).isEqualTo("Thinking.");
		assertThat(events.get(8).get("item").get("summary").get(0).get("text").asString()).isEqualTo("Thinking.");
		assertThat(events.get(13).get("refusal").asString()).isEqualTo("I cannot.");
		assertThat(events.get(13).get("output_index").asInt()).isEqualTo(1);
		JsonNode whole = events.get(events.size() - 1).get("response");
		assertThat(whole.get("output").get(0).get("type").asString()).isEqualTo("reasoning");
		assertThat(whole.get("output").get(1).get("content").get(0).get("refusal").asString()).isEqualTo("I cannot.");
	}

	@Test
	void textThenToolCallsStreamAsTypedEventsInOrder() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events, chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
				chunk("{\"content\":\"Let me \"}", null), chunk("{\"content\":\"check.\"}", null),
				chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"w\",\"arguments\":\"\"}}]}", null),
				chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"c\\\":\"}}]}", null),
				chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}", null),
				chunk("{}", "tool_calls"), usageChunk(11, 7), "[DONE]");
		close(stream, events);
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.content_part.added", "response.output_text.delta",
				"response.output_text.delta", "response.output_text.done", "response.content_part.done",
				"response.output_item.done", "response.output_item.added", "response.function_call_arguments.delta",
				"response.function_call_arguments.delta", "response.function_call_arguments.done",
				"response.output_item.done", "response.completed");
		assertNumberedFromZero(events);
		assertThat(events.get(0).get("response").get("status").asString()).isEqualTo("in_progress");
		assertThat(events.get(0).get("response").get("output")).isEmpty();
		// the message: output 0, one id from added to done
		String messageId = events.get(2).get("item").get("id").asString();
		assertThat(messageId).matches("msg_[0-9a-f]{48}");
		assertThat(events.get(2).get("item").get("status").asString()).isEqualTo("in_progress");
		for (int i = 2; i <= 8; i++) {
			assertThat(events.get(i).get("output_index").asInt()).as(events.get(i).toString()).isZero();
		}
		for (int i = 3; i <= 7; i++) {
			assertThat(events.get(i).get("item_id").asString()).as(events.get(i).toString()).isEqualTo(messageId);
			assertThat(events.get(i).get("content_index").asInt()).isZero();
		}
		assertThat(events.get(4).get("delta").asString()).isEqualTo("Let me ");
		assertThat(events.get(6).get("text").asString()).isEqualTo("Let me check.");
		assertThat(events.get(7).get("part").get("text").asString()).isEqualTo("Let me check.");
		assertThat(events.get(8).get("item").get("id").asString()).isEqualTo(messageId);
		assertThat(events.get(8).get("item").get("status").asString()).isEqualTo("completed");
		// the function call: output 1, one id from added to done
		JsonNode added = events.get(9).get("item");
		String callItem = added.get("id").asString();
		assertThat(callItem).matches("fc_[0-9a-f]{48}");
		assertThat(added.get("call_id").asString()).isEqualTo("call_1");
		assertThat(added.get("name").asString()).isEqualTo("w");
		assertThat(added.get("arguments").asString()).isEmpty();
		assertThat(added.get("status").asString()).isEqualTo("in_progress");
		for (int i = 9; i <= 13; i++) {
			assertThat(events.get(i).get("output_index").asInt()).as(events.get(i).toString()).isEqualTo(1);
		}
		for (int i = 10; i <= 12; i++) {
			assertThat(events.get(i).get("item_id").asString()).isEqualTo(callItem);
		}
		assertThat(events.get(12).get("arguments").asString()).isEqualTo("{\"c\":1}");
		assertThat(events.get(12).get("name").asString()).isEqualTo("w");
		assertThat(events.get(13).get("item").get("id").asString()).isEqualTo(callItem);
		assertThat(events.get(13).get("item").get("arguments").asString()).isEqualTo("{\"c\":1}");
		// the closing event: the whole response, with the same ids and the usage
		JsonNode response = events.get(14).get("response");
		assertThat(response.get("status").asString()).isEqualTo("completed");
		assertThat(response.get("output")).hasSize(2);
		assertThat(response.get("output").get(0).get("id").asString()).isEqualTo(messageId);
		assertThat(response.get("output").get(1).get("id").asString()).isEqualTo(callItem);
		assertThat(response.get("usage").get("input_tokens").asLong()).isEqualTo(11);
		assertThat(response.get("usage").get("output_tokens").asLong()).isEqualTo(7);
		assertThat(response.get("usage").get("total_tokens").asLong()).isEqualTo(18);
		assertThat(response.get("model").asString()).isEqualTo("gpt-4o-2024");
		assertThat(stream.ended()).isTrue();
	}

	@Test
	void twoParallelToolCallsAreTwoItems() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events,
				chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}},"
						+ "{\"index\":1,\"id\":\"call_b\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"g\",\"arguments\":\"\"}}]}", null),
				chunk("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "tool_calls"), "[DONE]");
		close(stream, events);
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.function_call_arguments.delta",
				"response.function_call_arguments.done", "response.output_item.done", "response.output_item.added",
				"response.function_call_arguments.delta", "response.function_call_arguments.done",
				"response.output_item.done", "response.completed");
		assertNumberedFromZero(events);
		String first = events.get(2).get("item").get("id").asString();
		String second = events.get(6).get("item").get("id").asString();
		assertThat(first).isNotEqualTo(second);
		for (int i = 2; i <= 5; i++) {
			assertThat(events.get(i).get("output_index").asInt()).isZero();
		}
		for (int i = 6; i <= 9; i++) {
			assertThat(events.get(i).get("output_index").asInt()).isEqualTo(1);
		}
		assertThat(events.get(4).get("item_id").asString()).isEqualTo(first);
		assertThat(events.get(4).get("arguments").asString()).isEqualTo("{\"x\":1}");
		assertThat(events.get(8).get("item_id").asString()).isEqualTo(second);
		assertThat(events.get(8).get("arguments").asString()).isEqualTo("{}");
		JsonNode output = events.get(10).get("response").get("output");
		assertThat(output.get(0).get("call_id").asString()).isEqualTo("call_a");
		assertThat(output.get(1).get("call_id").asString()).isEqualTo("call_b");
		assertThat(output.get(1).get("name").asString()).isEqualTo("g");
	}

	@Test
	void textAfterAToolCallIsANewMessage() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events,
				chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
						+ "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}", null),
				chunk("{\"content\":\"done\"}", "stop"), "[DONE]");
		close(stream, events);
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.function_call_arguments.delta",
				"response.function_call_arguments.done", "response.output_item.done", "response.output_item.added",
				"response.content_part.added", "response.output_text.delta", "response.output_text.done",
				"response.content_part.done", "response.output_item.done", "response.completed");
		assertNumberedFromZero(events);
		assertThat(events.get(6).get("item").get("type").asString()).isEqualTo("message");
		for (int i = 6; i <= 11; i++) {
			assertThat(events.get(i).get("output_index").asInt()).isEqualTo(1);
		}
		JsonNode output = events.get(12).get("response").get("output");
		assertThat(output.get(0).get("type").asString()).isEqualTo("function_call");
		assertThat(output.get(1).get("content").get(0).get("text").asString()).isEqualTo("done");
	}

	@Test
	void aStreamCutByLengthEndsIncomplete() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events, chunk("{\"content\":\"Once\"}", null), chunk("{}", "length"), "[DONE]");
		close(stream, events);
		JsonNode last = events.get(events.size() - 1);
		assertThat(last.get("type").asString()).isEqualTo("response.incomplete");
		assertThat(last.get("response").get("status").asString()).isEqualTo("incomplete");
		assertThat(last.get("response").get("incomplete_details").toString())
			.isEqualTo("{\"reason\":\"max_output_tokens\"}");
		assertNumberedFromZero(events);
	}

	@Test
	void doneYieldsNothingAndAnEmptyStreamStillOpensAndCloses() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		assertThat(stream.onFrame(frame("[DONE]"))).isEmpty();
		List<JsonNode> events = new ArrayList<>();
		close(stream, events);
		assertThat(types(events)).containsExactly("response.created", "response.in_progress", "response.completed");
		assertNumberedFromZero(events);
		assertThat(events.get(2).get("response").get("output")).isEmpty();
		assertThat(events.get(2).get("response").get("model").asString()).isEqualTo("m");
	}

	@Test
	void choicesOtherThanTheFirstAreIgnored() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events,
				"{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":["
						+ "{\"index\":1,\"delta\":{\"content\":\"other\"},\"finish_reason\":null},"
						+ "{\"index\":0,\"delta\":{\"content\":\"mine\"},\"finish_reason\":null}]}",
				"[DONE]");
		close(stream, events);
		assertThat(events.get(events.size() - 1)
			.get("response")
			.get("output")
			.get(0)
			.get("content")
			.get(0)
			.get("text")
			.asString()).isEqualTo("mine");
	}

	@Test
	void anErrorAfterTheStartIsNumberedAfterWhatWasSent() {
		ChatToResponseStream stream = stream("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}");
		List<JsonNode> events = new ArrayList<>();
		feed(stream, events, chunk("{\"content\":\"Hi\"}", null));
		byte[] frame = ResponseEvents.error(JSON, events.size(), new BadRequestError("boom", null, "input"));
		String text = new String(frame, StandardCharsets.UTF_8);
		assertThat(text).startsWith("event: error\ndata: ").endsWith("\n\n");
		JsonNode error = JSON.readTree(text.substring(text.indexOf("data: ") + 6));
		assertThat(error.get("sequence_number").asInt()).isEqualTo(events.size());
		assertThat(error.get("message").asString()).isEqualTo("boom");
		assertThat(error.get("param").asString()).isEqualTo("input");
		assertThat(error.get("code").asString()).isEqualTo("400");
	}

	// InputItemsPage

	@Test
	void inputItemsAreListedNewestFirstTwentyAtATime() {
		List<ResponseItem> items = items(25);
		JsonNode page = JSON.valueToTree(InputItemsPage.of(null, null, null).list(items));
		assertThat(page.get("object").asString()).isEqualTo("list");
		assertThat(page.get("data")).hasSize(20);
		assertThat(page.get("first_id").asString()).isEqualTo("msg_24");
		assertThat(page.get("last_id").asString()).isEqualTo("msg_5");
		assertThat(page.get("has_more").asBoolean()).isTrue();
		JsonNode next = JSON.valueToTree(InputItemsPage.of(null, "desc", "msg_5").list(items));
		assertThat(next.get("data")).hasSize(5);
		assertThat(next.get("first_id").asString()).isEqualTo("msg_4");
		assertThat(next.get("last_id").asString()).isEqualTo("msg_0");
		assertThat(next.get("has_more").asBoolean()).isFalse();
	}

	@Test
	void inputItemsInOrderWithALimitAndAfter() {
		List<ResponseItem> items = items(5);
		JsonNode asc = JSON.valueToTree(InputItemsPage.of("2", "asc", null).list(items));
		assertThat(asc.get("data").get(0).get("id").asString()).isEqualTo("msg_0");
		assertThat(asc.get("last_id").asString()).isEqualTo("msg_1");
		assertThat(asc.get("has_more").asBoolean()).isTrue();
		JsonNode after = JSON.valueToTree(InputItemsPage.of("2", "asc", "msg_2").list(items));
		assertThat(after.get("first_id").asString()).isEqualTo("msg_3");
		assertThat(after.get("last_id").asString()).isEqualTo("msg_4");
		assertThat(after.get("has_more").asBoolean()).isFalse();
		JsonNode last = JSON.valueToTree(InputItemsPage.of("100", "asc", "msg_4").list(items));
		assertThat(last.get("data")).isEmpty();
		assertThat(last.get("first_id").isNull()).isTrue();
		assertThat(last.get("last_id").isNull()).isTrue();
		assertThat(last.get("has_more").asBoolean()).isFalse();
		JsonNode unknown = JSON.valueToTree(InputItemsPage.of("1", null, "msg_nope").list(items));
		assertThat(unknown.get("data")).isEmpty();
		assertThat(unknown.get("has_more").asBoolean()).isFalse();
		JsonNode one = JSON.valueToTree(InputItemsPage.of("1", null, null).list(items));
		assertThat(one.get("data")).hasSize(1);
		assertThat(one.get("first_id").asString()).isEqualTo("msg_4");
		assertThat(one.get("data").get(0).get("content").get(0).get("text").asString()).isEqualTo("t4");
	}

	@Test
	void badPageParametersAre400s() {
		for (String limit : List.of("0", "101", "-1", "x", "", "1.5", "99999999999")) {
			assertParam(() -> InputItemsPage.of(limit, null, null), "limit");
		}
		assertThat(InputItemsPage.of("1", null, null).limit()).isEqualTo(1);
		assertThat(InputItemsPage.of("100", null, null).limit()).isEqualTo(100);
		for (String order : List.of("ASC", "", "sideways")) {
			assertParam(() -> InputItemsPage.of(null, order, null), "order");
		}
		assertParam(() -> InputItemsPage.of(null, null, ""), "after");
		// an item keeps the id its caller gave it, whatever its characters
		List<ResponseItem> given = List.of(
				new ResponseItem.Message("item:1", "user", List.of(ResponseItems.inputText("a")), "completed"),
				new ResponseItem.Message("item.2", "user", List.of(ResponseItems.inputText("b")), "completed"));
		JsonNode after = JSON.valueToTree(InputItemsPage.of(null, "asc", "item:1").list(given));
		assertThat(after.get("first_id").asString()).isEqualTo("item.2");
		assertParam(() -> InputItemsPage.of(null, null, "x".repeat(129)), "after");
	}

	// ResponseIds

	@Test
	void idsAreAPrefixAnd48HexDigitsAndCallersIdsAreChecked() {
		assertThat(ResponseIds.next("resp")).matches("resp_[0-9a-f]{48}");
		assertThat(ResponseIds.next("resp")).isNotEqualTo(ResponseIds.next("resp"));
		assertThat(ResponseIds.check("response_id", "resp_AZ-09_x")).isEqualTo("resp_AZ-09_x");
		assertThat(ResponseIds.check("response_id", "r".repeat(128))).hasSize(128);
		for (String bad : List.of("", "r".repeat(129), "../etc", "resp_%00", "resp_\u0000", "a' OR '1'='1", "a b",
				"résp")) {
			assertParam(() -> ResponseIds.check("previous_response_id", bad), "previous_response_id");
		}
	}

	// helpers

	private static JsonNode tree(String json) {
		return JSON.readTree(json);
	}

	/** A request whose field is an object holding {@code arrays} nested arrays. */
	private static ResponsesRequest nested(String field, int arrays) {
		String value = "{\"a\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
		if (field.equals("tools")) {
			return request("{\"model\":\"m\",\"input\":\"x\",\"tools\":[" + value + "]}");
		}
		return request("{\"model\":\"m\",\"input\":\"x\",\"" + field + "\":" + value + "}");
	}

	private static ResponsesRequest request(String json) {
		return JSON.readValue(json, ResponsesRequest.class);
	}

	private static ChatCompletionRequest translate(String json) {
		ResponsesRequest request = request(json);
		return ResponsesToChat.translate(request, List.of(), ResponseItems.parse(request.input()));
	}

	private static JsonNode chat(String json) {
		return JSON.valueToTree(translate(json));
	}

	private static ResponseObject response(String completion, String request) {
		ResponseDraft draft = new ResponseDraft("resp_test", 1700000000L, request(request));
		return ChatToResponse.translate(JSON.readValue(completion, ChatCompletion.class), draft);
	}

	private static String completion(String message, String finishReason, String extra) {
		return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
				+ "\"finish_reason\":\"" + finishReason + "\",\"message\":{\"role\":\"assistant\"," + message + "}}]"
				+ extra + "}";
	}

	private static ChatToResponseStream stream(String request) {
		return new ChatToResponseStream(JSON, new ResponseDraft("resp_test", 1700000000L, request(request)), "m");
	}

	private static String chunk(String delta, String finishReason) {
		return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-2024\","
				+ "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}";
	}

	private static String usageChunk(long prompt, long completion) {
		return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-2024\","
				+ "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
				+ ",\"total_tokens\":" + (prompt + completion) + "}}";
	}

	private static byte[] frame(String data) {
		return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private static void feed(ChatToResponseStream stream, List<JsonNode> events, String... data) {
		for (String each : data) {
			for (byte[] event : stream.onFrame(frame(each))) {
				events.add(parse(event));
			}
		}
	}

	private static void close(ChatToResponseStream stream, List<JsonNode> events) {
		for (byte[] event : stream.closing()) {
			events.add(parse(event));
		}
		events.add(parse(stream.terminal(stream.finished())));
	}

	/** An event frame's data, checked against the frame's event name. */
	private static JsonNode parse(byte[] event) {
		String text = new String(event, StandardCharsets.UTF_8);
		assertThat(text).startsWith("event: ").endsWith("\n\n");
		String type = text.substring("event: ".length(), text.indexOf('\n'));
		JsonNode data = JSON.readTree(text.substring(text.indexOf("\ndata: ") + "\ndata: ".length()));
		assertThat(data.get("type").asString()).isEqualTo(type);
		return data;
	}

	private static List<String> types(List<JsonNode> events) {
		return events.stream().map((event) -> event.get("type").asString()).toList();
	}

	private static void assertNumberedFromZero(List<JsonNode> events) {
		for (int i = 0; i < events.size(); i++) {
			assertThat(events.get(i).get("sequence_number").asInt()).as(events.get(i).toString()).isEqualTo(i);
		}
	}

	private static List<ResponseItem> items(int count) {
		List<ResponseItem> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new ResponseItem.Message("msg_" + i, "user", List.of(ResponseItems.inputText("t" + i)),
					"completed"));
		}
		return items;
	}

	private static void assertItemsParam(String input, String param) {
		assertParam(() -> ResponseItems.parse(JSON.readValue(input, List.class)), param);
	}

	private static void assertParam(ThrowingCallable call, String param) {
		assertThatThrownBy(call).isInstanceOf(BadRequestError.class)
			.satisfies((error) -> assertThat(((GatewayError) error).param()).as(error.getMessage()).isEqualTo(param));
	}

}
