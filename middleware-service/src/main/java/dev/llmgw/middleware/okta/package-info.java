/**
 * Okta sign-up: an Okta access token on {@code /user/new} or {@code /key/generate} makes
 * the caller an internal user of the gateway with a key of their own.
 */
@NullMarked
package dev.llmgw.middleware.okta;

import org.jspecify.annotations.NullMarked;
