/**
 * The API's own description: {@code GET /openapi.json}, made from the routes the gateway
 * registered and the wire records they read and write, and Swagger UI at {@code /docs}
 * and {@code /}, as LiteLLM shows them (off with {@code DISABLE_SWAGGER_PAGE}).
 */
@NullMarked
package dev.llmgw.gateway.apidocs;

import org.jspecify.annotations.NullMarked;
