@NullMarked
package dev.llmgw.gateway.auth;

import org.jspecify.annotations.NullMarked;
