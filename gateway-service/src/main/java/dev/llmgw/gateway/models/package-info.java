/**
 * LiteLLM's model management: /model/info, /model/new, /model/update, /model/delete and
 * /router/settings. Models added at runtime are stored in the gateway database and reach
 * every instance through a Redis announcement (shared/spec/admin-api.md).
 */
@NullMarked
package dev.llmgw.gateway.models;

import org.jspecify.annotations.NullMarked;
