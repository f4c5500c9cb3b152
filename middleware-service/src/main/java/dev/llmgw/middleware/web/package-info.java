/**
 * Cross-cutting web concerns of the middleware: cross-origin access.
 */
@NullMarked
package dev.llmgw.middleware.web;

import org.jspecify.annotations.NullMarked;
