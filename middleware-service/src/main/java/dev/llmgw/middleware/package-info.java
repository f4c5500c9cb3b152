/**
 * The middleware: the Bedrock Converse API, managed prompts, chat history and Okta
 * onboarding in front of the gateway. It adds no authority of its own: every call it
 * makes goes to the gateway with the caller's key.
 */
@NullMarked
package dev.llmgw.middleware;

import org.jspecify.annotations.NullMarked;
