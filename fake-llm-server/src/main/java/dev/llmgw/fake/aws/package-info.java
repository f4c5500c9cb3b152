/**
 * Amazon S3's GetObject and Secrets Manager's GetSecretValue, enough for the services'
 * start-up (config.yaml from S3, secrets by ARN) to be tested with the real AWS SDK; and
 * CloudWatch's PutMetricData, for the gateway's published metrics.
 */
@NullMarked
package dev.llmgw.fake.aws;

import org.jspecify.annotations.NullMarked;
