@NullMarked
package dev.llmgw.gateway;

import org.jspecify.annotations.NullMarked;
