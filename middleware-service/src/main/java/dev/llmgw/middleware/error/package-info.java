/**
 * How the middleware tells a failure: {@link dev.llmgw.middleware.error.BedrockError},
 * written in Bedrock's shape on the {@code /bedrock} routes and in OpenAI's on the
 * others, and a caller hanging up, which is no error at all. Every other package uses
 * these; they use none of them.
 */
@NullMarked
package dev.llmgw.middleware.error;

import org.jspecify.annotations.NullMarked;
