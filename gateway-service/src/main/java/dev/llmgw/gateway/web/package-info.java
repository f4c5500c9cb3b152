@NullMarked
package dev.llmgw.gateway.web;

import org.jspecify.annotations.NullMarked;
