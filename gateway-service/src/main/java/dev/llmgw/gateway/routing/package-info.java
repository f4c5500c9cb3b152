@NullMarked
package dev.llmgw.gateway.routing;

import org.jspecify.annotations.NullMarked;
