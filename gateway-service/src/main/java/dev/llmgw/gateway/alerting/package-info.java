/**
 * LiteLLM's alerting ({@code general_settings.alerting: ["slack"]}): budget, exception,
 * slow-response, outage and cooldown alerts posted to a Slack-compatible webhook, batched
 * and squashed as LiteLLM batches them. Built on the end-of-call record (a call listener)
 * and the router's cooldowns; nothing here touches a call while it runs.
 */
@NullMarked
package dev.llmgw.gateway.alerting;

import org.jspecify.annotations.NullMarked;
