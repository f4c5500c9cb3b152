package dev.llmgw.gateway.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.config.LitellmSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The logging callbacks of {@code litellm_settings.callbacks}, {@code success_callback}
 * and {@code failure_callback}: one {@link Delivery} for each callback named, fed by one
 * call listener. A name no callback answers to is warned about by name at start-up, never
 * silently accepted; {@code otel} and {@code prometheus} are the tracing and metrics
 * switches, read by those features.
 */
@Configuration(proxyBeanMethods = false)
public class LoggingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(LoggingConfiguration.class);

	/** Callback names other features answer to. */
	private static final Set<String> ELSEWHERE = Set.of("otel", "prometheus");

	static final String EXTRA_SUCCESS_CALLBACKS = "EXTRA_SUCCESS_CALLBACKS";

	/** How many entries one callback may hold while its collector is slow or down. */
	static final int CAPACITY = 10_000;

	/** And how many bytes. */
	static final long CAPACITY_BYTES = 64L * 1024 * 1024;

	/** How long shutdown waits for each callback to send what it holds. */
	static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);

	@Bean(destroyMethod = "close")
	LoggingCallbacks loggingCallbacks(GatewayConfig config, List<LogSinkFactory> factories,
			ObjectProvider<PrometheusMeterRegistry> registry) {
		LitellmSettings settings = config.litellmSettings();
		DeliveryCounts counts = new DeliveryCounts(registry.getIfAvailable());
		Map<LogSinkFactory, Selection> selected = new LinkedHashMap<>();
		Set<String> unknown = new LinkedHashSet<>();
		select(settings.callbacks(), true, true, factories, selected, unknown);
		select(settings.successCallback(), true, false, factories, selected, unknown);
		select(extra(config.environment().get(EXTRA_SUCCESS_CALLBACKS)), true, false, factories, selected, unknown);
		select(settings.failureCallback(), false, true, factories, selected, unknown);
		for (String name : unknown) {
			log.warn("Logging callback \"{}\" in litellm_settings is not supported by this gateway: nothing is sent "
					+ "to it, and its settings are ignored. Supported: {}", name, supported(factories));
		}
		for (String ignored : List.of("service_callback", "langfuse_default_tags")) {
			Object value = settings.raw().get(ignored);
			if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
				log.warn("litellm_settings.{} is not supported by this gateway: ignored", ignored);
			}
		}
		List<CallbackListener.Route> routes = new ArrayList<>();
		try {
			selected.forEach((factory, selection) -> {
				Delivery delivery = new Delivery(factory.create(), counts, CAPACITY, CAPACITY_BYTES, CLOSE_DEADLINE);
				counts.register(delivery);
				routes.add(
						new CallbackListener.Route(delivery, selection.successes, selection.failures, factory.names()));
				log.info("Logging callback {}: {} calls, in batches of up to {} every {} s", delivery.sink().name(),
						selection.successes ? (selection.failures ? "all" : "successful") : "failed",
						delivery.sink().batching().size(),
						delivery.sink().batching().flushInterval().toMillis() / 1000.0);
			});
		}
		catch (RuntimeException ex) {
			routes.forEach((route) -> route.delivery().close());
			throw ex;
		}
		return new LoggingCallbacks(routes, counts);
	}

	@Bean
	@Nullable CallbackListener callbackListener(LoggingCallbacks callbacks, GatewayConfig config, JsonMapper mapper) {
		if (callbacks.routes().isEmpty()) {
			return null;
		}
		Map<String, Object> raw = config.litellmSettings().raw();
		boolean redact = CallbackSettings.flag(raw.get("turn_off_message_logging"));
		// a caller may opt out of logging (no-log, x-litellm-disable-callbacks) unless
		// the
		// operator said no, in either of LiteLLM's two ways
		boolean noLogAllowed = !CallbackSettings.flag(raw.get("global_disable_no_log_param"))
				&& !Boolean.FALSE.equals(raw.get("allow_dynamic_callback_disabling"))
				&& !"false".equalsIgnoreCase(String.valueOf(raw.get("allow_dynamic_callback_disabling")));
		return new CallbackListener(callbacks.routes(), new PayloadBuilder(mapper), new Redaction(mapper, redact),
				mapper, noLogAllowed);
	}

	@Bean
	@Nullable LoggingFilter loggingFilter(LoggingCallbacks callbacks) {
		return callbacks.routes().isEmpty() ? null : new LoggingFilter();
	}

	/**
	 * {@code EXTRA_SUCCESS_CALLBACKS}: callbacks added to {@code success_callback} by the
	 * deployment (deploy.sh adds {@code langsmith} and {@code langfuse} when their keys
	 * are in .env, as the original's deploy.sh edits config.yaml to).
	 */
	private static List<String> extra(@Nullable String names) {
		if (names == null || names.isBlank()) {
			return List.of();
		}
		return List.of(names.trim().split("\\s*,\\s*"));
	}

	private static void select(List<String> names, boolean successes, boolean failures, List<LogSinkFactory> factories,
			Map<LogSinkFactory, Selection> selected, Set<String> unknown) {
		for (String name : names) {
			LogSinkFactory factory = factories.stream()
				.filter((each) -> each.names().contains(name))
				.findFirst()
				.orElse(null);
			if (factory != null) {
				Selection selection = selected.computeIfAbsent(factory, (ignored) -> new Selection());
				selection.successes |= successes;
				selection.failures |= failures;
			}
			else if (!ELSEWHERE.contains(name)) {
				unknown.add(name);
			}
		}
	}

	private static List<String> supported(List<LogSinkFactory> factories) {
		List<String> names = new ArrayList<>();
		factories.forEach((factory) -> names.addAll(new java.util.TreeSet<>(factory.names())));
		names.addAll(ELSEWHERE);
		return names;
	}

	private static final class Selection {

		private boolean successes;

		private boolean failures;

	}

	/**
	 * The callbacks made, closed (each sending what it holds) after the call listeners
	 * have handed over their last records.
	 *
	 * @param routes each callback and the calls it logs
	 * @param counts what each delivered
	 */
	public record LoggingCallbacks(List<CallbackListener.Route> routes,
			DeliveryCounts counts) implements AutoCloseable {

		/** All close together, within one deadline, so that shutdown waits once. */
		@Override
		public void close() {
			long deadline = System.nanoTime() + CLOSE_DEADLINE.toNanos();
			this.routes.forEach((route) -> route.delivery().closing(deadline));
			this.routes.forEach((route) -> route.delivery().awaitClosed());
		}

	}

}
