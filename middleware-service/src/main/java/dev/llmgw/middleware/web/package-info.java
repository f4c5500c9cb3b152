/**
 * Cross-cutting web concerns of the middleware: cross-origin access, request-body limits.
 */
@NullMarked
package dev.llmgw.middleware.web;

import org.jspecify.annotations.NullMarked;
