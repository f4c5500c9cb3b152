package dev.llmgw.gateway.compat;

import java.net.http.HttpResponse;
import java.util.Base64;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.llmgw.gateway.support.GatewayTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code /v1/images/generations} through the OpenAI SDK: OpenAI and Azure pass through,
 * Bedrock's Nova Canvas, Titan Image and Stability answer through InvokeModel, each
 * priced per image as the price map lists it.
 */
class ImagesCompatibilityTests extends GatewayTestBase {

	private OpenAIClient client;

	@BeforeEach
	void connect() {
		this.client = OpenAIOkHttpClient.builder().baseUrl(url("/v1")).apiKey(MASTER_KEY).maxRetries(0).build();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@ParameterizedTest
	@CsvSource({ "dall-e-3, 1", "azure-dall-e-3, 1", "nova-canvas, 2", "titan-image, 2", "sd3, 2" })
	void generatesPngImages(String model, int count) {
		ImagesResponse response = this.client.images()
			.generate(ImageGenerateParams.builder()
				.model(model)
				.prompt("a lighthouse at dawn")
				.n(count)
				.size(ImageGenerateParams.Size._1024X1024)
				.responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
				.build());
		assertThat(response.data().get()).hasSize(count);
		byte[] png = Base64.getDecoder().decode(response.data().get().get(0).b64Json().get());
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
	}

	@Test
	void imagesArePricedPerImage() {
		HttpResponse<String> nova = post("/v1/images/generations",
				"{\"model\":\"nova-canvas\",\"prompt\":\"a cat\",\"n\":3}");
		assertThat(nova.statusCode()).as(nova.body()).isEqualTo(200);
		// amazon.nova-canvas-v1:0 lists output_cost_per_image 0.06
		assertThat(Double.parseDouble(nova.headers().firstValue("x-litellm-response-cost").orElseThrow()))
			.isCloseTo(0.18, within(1e-9));
		HttpResponse<String> dalle = post("/v1/images/generations",
				"{\"model\":\"dall-e-3\",\"prompt\":\"a cat\",\"size\":\"1024x1024\",\"quality\":\"hd\"}");
		assertThat(dalle.statusCode()).as(dalle.body()).isEqualTo(200);
		// hd/1024-x-1024/dall-e-3 is priced per pixel
		assertThat(Double.parseDouble(dalle.headers().firstValue("x-litellm-response-cost").orElseThrow()))
			.isCloseTo(1024 * 1024 * 7.629e-08, within(1e-6));
	}

	@Test
	void aChatModelCannotGenerateImages() {
		HttpResponse<String> response = post("/v1/images/generations",
				"{\"model\":\"claude-direct\",\"prompt\":\"a cat\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("cannot generate images");
	}

}
