/**
 * Log collectors for the gateway's logging callbacks: Langfuse's ingestion API,
 * LangSmith's batch runs API and a generic webhook, each keeping what it received for a
 * test to read; and faults that make any of them (S3's PutObject too) fail or answer
 * late, as a collector that is down or slow does.
 */
@NullMarked
package dev.llmgw.fake.collectors;

import org.jspecify.annotations.NullMarked;
