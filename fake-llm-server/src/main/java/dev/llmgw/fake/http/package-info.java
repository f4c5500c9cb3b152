/**
 * What every provider route shares: the route contract, JSON writing and the HTTP
 * replies.
 */
@NullMarked
package dev.llmgw.fake.http;

import org.jspecify.annotations.NullMarked;
