/**
 * An OpenTelemetry collector's OTLP/HTTP trace receiver, for tests of the gateway's
 * traces.
 */
@NullMarked
package dev.llmgw.fake.otlp;

import org.jspecify.annotations.NullMarked;
