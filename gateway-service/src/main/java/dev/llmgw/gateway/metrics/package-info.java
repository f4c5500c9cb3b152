/**
 * Prometheus metrics on {@code GET /metrics}: LiteLLM's metric families (same names, help
 * texts, labels and latency buckets, so its Grafana dashboards work unchanged) recorded
 * by one listener of the end-of-call record, plus the JVM's, Netty's, the database
 * pool's, Lettuce's and the provider connection pools' meters from Micrometer.
 */
@NullMarked
package dev.llmgw.gateway.metrics;

import org.jspecify.annotations.NullMarked;
