@NullMarked
package dev.llmgw.middleware.health;

import org.jspecify.annotations.NullMarked;
