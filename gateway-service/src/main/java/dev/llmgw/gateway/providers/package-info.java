@NullMarked
package dev.llmgw.gateway.providers;

import org.jspecify.annotations.NullMarked;
