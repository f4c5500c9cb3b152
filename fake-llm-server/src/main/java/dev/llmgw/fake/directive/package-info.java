/**
 * Steering: directives read from {@code x-fake-*} headers and {@code ;name=value}
 * model-name segments.
 */
@NullMarked
package dev.llmgw.fake.directive;

import org.jspecify.annotations.NullMarked;
