/**
 * What both services' Prometheus metrics share: the shape of a metric family and the
 * meters of the process and its pools.
 */
@NullMarked
package dev.llmgw.metrics;

import org.jspecify.annotations.NullMarked;
