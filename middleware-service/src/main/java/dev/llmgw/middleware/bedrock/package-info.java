/**
 * Bedrock's Converse API ({@code /bedrock/model/{modelId}/converse} and
 * {@code converse-stream}) in front of the gateway's OpenAI API, for boto3 and AWS SDK
 * clients (shared/spec/middleware.md).
 */
@NullMarked
package dev.llmgw.middleware.bedrock;

import org.jspecify.annotations.NullMarked;
