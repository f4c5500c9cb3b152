/**
 * AWS credentials as LiteLLM's AWS parameters name them ({@code aws_access_key_id},
 * {@code aws_profile_name}, {@code aws_role_name}, ...), shared by every adapter that
 * calls an AWS service (Bedrock, SageMaker), so that a deployment signs the same way
 * whichever service it calls.
 */
@NullMarked
package dev.llmgw.gateway.providers.aws;

import org.jspecify.annotations.NullMarked;
