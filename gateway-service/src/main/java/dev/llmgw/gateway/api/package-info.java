@NullMarked
package dev.llmgw.gateway.api;

import org.jspecify.annotations.NullMarked;
