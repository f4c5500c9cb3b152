package dev.llmgw.gateway.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.llmgw.gateway.config.ConfigException;
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
		Map<String, Selection> selected = new LinkedHashMap<>();
		Set<String> unknown = new LinkedHashSet<>();
		Map<String, Object> named = config.callbackSettings();
		select(settings.callbacks(), true, true, factories, named, selected, unknown);
		select(settings.successCallback(), true, false, factories, named, selected, unknown);
		select(extra(config.environment().get(EXTRA_SUCCESS_CALLBACKS)), true, false, factories, named, selected,
				unknown);
		select(settings.failureCallback(), false, true, factories, named, selected, unknown);
		Set<String> listed = new LinkedHashSet<>(settings.callbacks());
		listed.addAll(settings.successCallback());
		listed.addAll(settings.failureCallback());
		for (String name : named.keySet()) {
			if (!listed.contains(name) || !(named.get(name) instanceof Map<?, ?> entry)
					|| entry.get("callback_type") == null) {
				log.warn("callback_settings.{} is not used: only entries with a callback_type that a callback list "
						+ "names are (generic_api)", name);
			}
		}
		for (String name : unknown) {
			log.warn("Logging callback \"{}\" in litellm_settings is not supported by this gateway: nothing is sent "
					+ "to it, and its settings are ignored. Supported: {}", name, supported(factories));
		}
		List<CallbackListener.Route> routes = new ArrayList<>();
		try {
			selected.values().forEach((selection) -> {
				Delivery delivery = new Delivery(selection.maker.get(), counts, CAPACITY, CAPACITY_BYTES,
						CLOSE_DEADLINE);
				counts.register(delivery);
				routes.add(
						new CallbackListener.Route(delivery, selection.successes, selection.failures, selection.names));
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

	/**
	 * Selects the callbacks the names say: a factory's own names (one callback however
	 * many of its names are listed), else a {@code callback_settings} entry of a type a
	 * factory makes (a callback of its own per entry).
	 */
	private static void select(List<String> names, boolean successes, boolean failures, List<LogSinkFactory> factories,
			Map<String, Object> named, Map<String, Selection> selected, Set<String> unknown) {
		for (String name : names) {
			LogSinkFactory factory = factories.stream()
				.filter((each) -> each.names().contains(name))
				.findFirst()
				.orElse(null);
			Selection selection = null;
			if (factory != null) {
				selection = selected.computeIfAbsent("factory:" + factory.names(),
						(ignored) -> new Selection(factory::create, factory.names()));
			}
			else if (named.get(name) instanceof Map<?, ?> entry && entry.get("callback_type") != null) {
				Object type = entry.get("callback_type");
				LogSinkFactory maker = factories.stream()
					.filter((each) -> each.types().contains(String.valueOf(type)))
					.findFirst()
					.orElseThrow(() -> new ConfigException("callback_settings." + name
							+ ".callback_type must be one of "
							+ factories.stream().flatMap((each) -> each.types().stream()).toList() + ", not " + type));
				selection = selected.computeIfAbsent("named:" + name,
						(ignored) -> new Selection(() -> maker.create(name, entry), Set.of(name)));
			}
			else if (!ELSEWHERE.contains(name)) {
				unknown.add(name);
			}
			if (selection != null) {
				selection.successes |= successes;
				selection.failures |= failures;
			}
		}
	}

	private static List<String> supported(List<LogSinkFactory> factories) {
		List<String> names = new ArrayList<>();
		factories.forEach((factory) -> names.addAll(new TreeSet<>(factory.names())));
		names.addAll(ELSEWHERE);
		return names;
	}

	private static final class Selection {

		private final Supplier<LogSink> maker;

		private final Set<String> names;

		private boolean successes;

		private boolean failures;

		Selection(Supplier<LogSink> maker, Set<String> names) {
			this.maker = maker;
			this.names = names;
		}

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
