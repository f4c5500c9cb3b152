package dev.llmgw.gateway.alerting;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.llmgw.gateway.auth.BudgetState;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallListener;
import dev.llmgw.gateway.engine.CallRecord;
import dev.llmgw.gateway.engine.CallState;
import dev.llmgw.gateway.error.BudgetExceededError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.LitellmExceptionNames;
import dev.llmgw.gateway.providers.MockResponses;
import org.jspecify.annotations.Nullable;

/**
 * The alerts that follow from finished calls, as LiteLLM raises them:
 * <ul>
 * <li>{@code llm_exceptions}: a call a provider failed
 * ({@code LLM API call failed: ...}); refusals of the gateway's own (keys, limits, bad
 * requests) are not alerts;</li>
 * <li>{@code llm_too_slow}: a call longer than {@code alerting_threshold}; the messages
 * are never put in the alert;</li>
 * <li>{@code budget_alerts}: a key's, user's or team's spend past 85% and 95% of its
 * budget and past the budget itself, once per event and budget for
 * {@code budget_alert_ttl}, on the spend the caller's cached budget shows plus the call's
 * cost (so up to the auth cache's minute late);</li>
 * <li>{@code outage_alerts}: a deployment with {@code minor_outage_alert_threshold} (then
 * {@code major_outage_alert_threshold}) timeouts or 5xx errors within
 * {@code outage_alert_ttl}, each once per outage.</li>
 * </ul>
 * Runs on its own listener thread, one record at a time, so its state needs no locks. The
 * once-only memory is this instance's: with several instances each may alert once.
 */
final class AlertListener implements CallListener {

	private final AlertSettings settings;

	private final SlackWebhook webhook;

	private final Clock clock;

	private final Map<String, Long> budgetAlerted = new HashMap<>();

	private final Map<String, Outage> outages = new HashMap<>();

	AlertListener(AlertSettings settings, SlackWebhook webhook, Clock clock) {
		this.settings = settings;
		this.webhook = webhook;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "alerting";
	}

	@Override
	public void onCallEnd(CallRecord record) {
		CallState state = CallState.of(record.attributes());
		// a failure or a slowness the caller asked for (mock_*) says nothing about the
		// provider
		boolean mocked = state != null && MockResponses.requested(state.call().fields());
		Throwable failure = (state != null) ? state.failure() : null;
		boolean reachedProvider = record.deploymentId() != null && record.timings().attemptStart() >= 0;
		if (!mocked && !record.success() && reachedProvider && failure instanceof GatewayError error
				&& !(error instanceof BudgetExceededError)) {
			this.webhook.send("llm_exceptions", "High",
					"LLM API call failed: `litellm."
							+ LitellmExceptionNames.of(error.getClass().getSimpleName(), error.status()) + ": "
							+ error.getMessage() + "`\nModel: `" + record.model() + "`");
			if (error.status() == 408 || error.status() >= 500) {
				outage(record, error.status());
			}
		}
		if (!mocked && record.success() && record.durationMillis() > this.settings.threshold().toMillis()) {
			this.webhook.send("llm_too_slow", "Low",
					"`Responses are slow - " + seconds(record.durationMillis())
							+ "s response time > Alerting threshold: " + seconds(this.settings.threshold().toMillis())
							+ "s`\nRequest Model: `" + record.model() + "`\nAPI Base: `" + record.apiBase()
							+ "`\nMessages: `Message not logged`");
		}
		CallerIdentity caller = CallerIdentity.of(record.attributes());
		if (caller != null && (record.cost() > 0 || failure instanceof BudgetExceededError)) {
			budget("Key Budget: ", caller.budgets().key(), record, caller);
			budget("User Budget: ", caller.budgets().user(), record, caller);
			budget("Team Budget: ", caller.budgets().team(), record, caller);
		}
	}

	private void budget(String kind, @Nullable BudgetState budget, CallRecord record, CallerIdentity caller) {
		if (budget == null || budget.maxBudget() <= 0) {
			return;
		}
		double spend = budget.spend() + record.cost();
		double left = (budget.maxBudget() - spend) / budget.maxBudget();
		String event;
		String message;
		if (spend >= budget.maxBudget()) {
			event = "budget_crossed";
			message = "Budget Crossed\n Total Budget:`" + budget.maxBudget() + "`";
		}
		else if (left <= 0.05) {
			event = "threshold_crossed";
			message = "5% Threshold Crossed ";
		}
		else if (left <= 0.15) {
			event = "threshold_crossed";
			message = "15% Threshold Crossed";
		}
		else {
			return;
		}
		long now = this.clock.millis();
		String once = event + ":" + kind + budget.id();
		Long last = this.budgetAlerted.get(once);
		if (last != null && now - last < this.settings.budgetAlertTtl().toMillis()) {
			return;
		}
		this.budgetAlerted.put(once, now);
		if (this.budgetAlerted.size() > 100_000) {
			this.budgetAlerted.values().removeIf((at) -> now - at >= this.settings.budgetAlertTtl().toMillis());
		}
		StringBuilder text = new StringBuilder(kind).append(message).append("\n\n");
		line(text, "spend", String.format(Locale.ROOT, "%.6f", spend));
		line(text, "max_budget", Double.toString(budget.maxBudget()));
		line(text, "user_id", caller.userId());
		line(text, "team_id", caller.teamId());
		line(text, "key_alias", caller.keyAlias());
		line(text, "team_alias", caller.teamAlias());
		this.webhook.send("budget_alerts", "High", text.toString());
	}

	private static void line(StringBuilder text, String field, @Nullable String value) {
		if (value != null) {
			text.append('*').append(field).append(":* `").append(value).append("`\n");
		}
	}

	private void outage(CallRecord record, int status) {
		long now = this.clock.millis();
		long window = this.settings.outageWindow().toMillis();
		Outage outage = this.outages.computeIfAbsent(record.deploymentId(), (id) -> new Outage());
		while (!outage.errors.isEmpty() && now - outage.errors.peekFirst()[0] > window) {
			outage.errors.pollFirst();
		}
		if (outage.errors.isEmpty()) {
			outage.minorSent = false;
			outage.majorSent = false;
		}
		outage.errors.addLast(new long[] { now, status });
		int count = outage.errors.size();
		String severity = null;
		String level = null;
		if (count >= this.settings.majorOutage() && !outage.majorSent) {
			outage.majorSent = true;
			outage.minorSent = true;
			severity = "Major";
			level = "High";
		}
		else if (count >= this.settings.minorOutage() && !outage.minorSent) {
			outage.minorSent = true;
			severity = "Minor";
			level = "Medium";
		}
		if (severity == null) {
			return;
		}
		long timeouts = outage.errors.stream().filter((error) -> error[1] == 408).count();
		this.webhook.send("outage_alerts", level, "*⚠️ " + severity + " Service Outage*\n\n*Model Name:* `"
				+ record.modelGroup() + "`\n*Provider:* `" + record.provider() + "`\n*API Base:* `" + record.apiBase()
				+ "`\n\n*Errors:*\n  *Timeout Errors:* `" + timeouts + "`\n  *API Errors:* `" + (count - timeouts)
				+ "`\n\n*Last Check:* `" + seconds(now - outage.errors.peekFirst()[0]) + "s ago`");
		if (this.outages.size() > 10_000) {
			this.outages.values().removeIf((old) -> old.errors.isEmpty() || now - old.errors.peekLast()[0] > window);
		}
	}

	private static String seconds(long millis) {
		return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
	}

	/** One deployment's recent errors: each {time, status}. */
	private static final class Outage {

		final Deque<long[]> errors = new ArrayDeque<>();

		boolean minorSent;

		boolean majorSent;

	}

}
