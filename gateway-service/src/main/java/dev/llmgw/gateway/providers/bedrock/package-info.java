/**
 * The adapter for Amazon Bedrock: chat through the Converse and ConverseStream APIs,
 * embeddings through InvokeModel, all over the AWS SDK v2 async client (SigV4, the
 * default credential chain, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}).
 */
@NullMarked
package dev.llmgw.gateway.providers.bedrock;

import org.jspecify.annotations.NullMarked;
