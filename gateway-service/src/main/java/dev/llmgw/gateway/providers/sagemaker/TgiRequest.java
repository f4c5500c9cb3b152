package dev.llmgw.gateway.providers.sagemaker;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Hugging Face TGI container's generate request as SageMaker passes it on
 * (https://huggingface.github.io/text-generation-inference/#/Text%20Generation%20Inference/generate).
 *
 * @param inputs the prompt, one string
 * @param parameters {@code max_new_tokens}, {@code temperature}, {@code stop} and any
 * other TGI parameter, as given
 * @param stream true for InvokeEndpointWithResponseStream, absent otherwise, as LiteLLM
 * sends it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TgiRequest(@JsonProperty("inputs") String inputs, @JsonProperty("parameters") Map<String, Object> parameters,
		@JsonProperty("stream") @Nullable Boolean stream) {

}
