/**
 * Amazon S3's GetObject and Secrets Manager's GetSecretValue, enough for the services'
 * start-up (config.yaml from S3, secrets by ARN) to be tested with the real AWS SDK;
 * CloudWatch's PutMetricData, for the gateway's published metrics; and S3's PutObject,
 * for the gateway's S3 logging callback.
 */
@NullMarked
package dev.llmgw.fake.aws;

import org.jspecify.annotations.NullMarked;
