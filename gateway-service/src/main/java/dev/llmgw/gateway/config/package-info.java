@NullMarked
package dev.llmgw.gateway.config;

import org.jspecify.annotations.NullMarked;
