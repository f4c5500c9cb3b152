/**
 * Amazon SageMaker Runtime: InvokeEndpoint and InvokeEndpointWithResponseStream in front
 * of a Hugging Face TGI container, answering both its native {@code inputs} shape and its
 * OpenAI-compatible Messages API, with SageMaker's typed errors.
 */
@NullMarked
package dev.llmgw.fake.sagemaker;

import org.jspecify.annotations.NullMarked;
