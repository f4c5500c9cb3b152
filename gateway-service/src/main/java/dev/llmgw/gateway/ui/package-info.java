/**
 * The admin UI at {@code /ui}: login ({@code /login}), a signed session cookie, and
 * server-rendered pages that read and write through the admin API's own handlers, so the
 * access rules of {@code docs/admin-access.md} hold in the UI as they do over HTTP.
 */
@NullMarked
package dev.llmgw.gateway.ui;

import org.jspecify.annotations.NullMarked;
