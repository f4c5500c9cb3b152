/**
 * Amazon Bedrock runtime: Converse, ConverseStream as AWS event-stream frames,
 * InvokeModel for embedding and image models, and Bedrock's typed errors.
 */
@NullMarked
package dev.llmgw.fake.bedrock;

import org.jspecify.annotations.NullMarked;
