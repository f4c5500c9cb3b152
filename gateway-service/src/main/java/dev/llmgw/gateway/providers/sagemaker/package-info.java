/**
 * The adapter for Amazon SageMaker Runtime's InvokeEndpoint and
 * InvokeEndpointWithResponseStream, signed with SigV4 by the AWS SDK's own signer and
 * sent with the gateway's non-blocking HTTP client: {@code sagemaker/} speaks Hugging
 * Face TGI's {@code {"inputs", "parameters"}} body, {@code sagemaker_chat/} the OpenAI
 * body of a container's Messages API. Streams arrive as AWS event-stream
 * {@code PayloadPart}s that carry the container's bytes cut anywhere
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpointWithResponseStream.html).
 */
@NullMarked
package dev.llmgw.gateway.providers.sagemaker;

import org.jspecify.annotations.NullMarked;
