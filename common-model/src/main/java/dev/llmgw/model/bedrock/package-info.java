/**
 * Amazon Bedrock Converse API wire types
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html), as
 * boto3 and the AWS SDKs send them to the middleware's {@code /bedrock} routes: the
 * request read, the answer and the stream's event payloads written. (The gateway calls
 * Bedrock itself through the AWS SDK, whose own model classes it uses.) Unknown fields
 * are kept in {@code extra} where they are passed on, ignored where only read.
 */
@NullMarked
package dev.llmgw.model.bedrock;

import org.jspecify.annotations.NullMarked;
