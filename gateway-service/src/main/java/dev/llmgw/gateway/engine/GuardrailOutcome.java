package dev.llmgw.gateway.engine;

/**
 * What one guardrail decided on a call, for its record, the response header and the spend
 * log.
 *
 * @param name the guardrail's {@code guardrail_name}
 * @param mode {@code pre_call}, {@code during_call} or {@code post_call}
 * @param verdict {@code passed}, {@code masked}, {@code blocked}, {@code failed} (it
 * could not answer and the call was refused) or {@code failed_open} (it could not answer
 * and the call went on)
 * @param millis how long it took
 * @param endNanos when it ended ({@link System#nanoTime}), to place it on the call's
 * trace
 */
public record GuardrailOutcome(String name, String mode, String verdict, long millis, long endNanos) {

}
