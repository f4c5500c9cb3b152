package dev.llmgw.middleware.bedrock;

import dev.llmgw.middleware.error.BedrockError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each member of the gateway's error family, as its OpenAI error body names it, becomes
 * the Bedrock error its type means, whatever its status; the status decides only where
 * the type says nothing (a provider's own type kept by the gateway). The live gateway's
 * answers go through the same table in GatewayErrorsIntegrationTests.
 */
class GatewayErrorsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0} {1} -> {3}")
	@CsvSource({ "400, budget_exceeded, 400, ThrottlingException, 429",
			"429, rate_limit_error, 429, ThrottlingException, 429", "429, requests, 429, ThrottlingException, 429",
			"401, auth_error, 401, AccessDeniedException, 403",
			"401, key_model_access_denied, 401, AccessDeniedException, 403",
			"401, token_not_found_in_db, 401, AccessDeniedException, 403",
			"403, permission_error, 403, AccessDeniedException, 403",
			"404, not_found_error, 404, ResourceNotFoundException, 404",
			"400, invalid_request_error, 400, ValidationException, 400",
			"400, invalid_request_error, context_length_exceeded, ValidationException, 400",
			"413, invalid_request_error, 413, ValidationException, 400",
			"408, timeout, 408, ModelTimeoutException, 408",
			"503, no_db_connection, 503, ServiceUnavailableException, 503",
			"500, api_connection_error, 500, ServiceUnavailableException, 503",
			"503, api_error, 503, ServiceUnavailableException, 503",
			"500, internal_server_error, 500, InternalServerException, 500",
			"500, api_error, 500, InternalServerException, 500", "502, api_error, 502, ModelErrorException, 424" })
	void theTypeChoosesTheBedrockError(int status, String type, String code, String bedrockType, int bedrockStatus) {
		byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode()
			.set("error", JSON.createObjectNode().put("message", "m").put("type", type).put("code", code)));
		BedrockError error = GatewayErrors.of(JSON, status, body);
		assertThat(error.type()).isEqualTo(bedrockType);
		assertThat(error.status()).isEqualTo(bedrockStatus);
		assertThat(error.getMessage()).isEqualTo("m");
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "budget_exceeded, 400, throttlingException", "requests, 429, throttlingException",
			"invalid_request_error, 400, validationException", "api_connection_error, 500, modelStreamErrorException",
			"api_error, 500, modelStreamErrorException" })
	void anErrorAfterTheStreamBeganIsAnExceptionOfTheStreamsUnion(String type, String code, String frameType) {
		BedrockError error = GatewayErrors
			.ofStreamed(JSON.createObjectNode().put("message", "m").put("type", type).put("code", code));
		assertThat(GatewayErrors.streamExceptionType(error)).isEqualTo(frameType);
	}

}
