/**
 * What a service needs from AWS before it can start: its config.yaml from S3 and its
 * secrets from Secrets Manager. Used once, at start-up, with blocking clients.
 */
@NullMarked
package dev.llmgw.cloud;

import org.jspecify.annotations.NullMarked;
