/**
 * A stand-in for an OpenID Connect identity provider such as Okta: discovery and a JWKS
 * whose keys a test sets, so that token verification is tested against keys the test
 * made.
 */
@NullMarked
package dev.llmgw.fake.oidc;

import org.jspecify.annotations.NullMarked;
