@NullMarked
package dev.llmgw.gateway.error;

import org.jspecify.annotations.NullMarked;
