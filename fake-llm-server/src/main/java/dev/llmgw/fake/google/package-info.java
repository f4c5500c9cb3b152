/**
 * Google's OAuth 2.0 token endpoint for service accounts: the JWT-bearer grant that
 * exchanges a signed assertion for an access token, the tokens issued, and the service
 * account keys a test registers so that signatures are checked.
 */
@NullMarked
package dev.llmgw.fake.google;

import org.jspecify.annotations.NullMarked;
