package dev.llmgw.gateway.models;

import java.time.Duration;
import java.util.List;

import dev.llmgw.gateway.config.DeploymentConfig;
import dev.llmgw.gateway.routing.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the registry's stored models equal to the table's: after each change made here,
 * on each announcement from another instance, and every {@link #POLL} in case an
 * announcement was lost (LiteLLM likewise re-reads its model table on a timer). Each
 * reload reads the whole table; a reload that started earlier never overwrites the result
 * of one that started later.
 */
final class StoredModelSync implements AutoCloseable {

	static final Duration POLL = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(StoredModelSync.class);

	private final StoredModels store;

	private final ModelRegistry registry;

	private long requested;

	private long applied;

	private volatile Disposable polling;

	StoredModelSync(StoredModels store, ModelRegistry registry) {
		this.store = store;
		this.registry = registry;
	}

	/** Reads the table and swaps the registry's stored models for its rows. */
	Mono<Void> reload() {
		return Mono.defer(() -> {
			long ticket = nextTicket();
			return this.store.loadAll().doOnNext((entries) -> apply(ticket, entries)).then();
		});
	}

	/** Starts the safety-net polling. */
	void startPolling() {
		this.polling = Flux.interval(POLL, POLL)
			.onBackpressureDrop()
			.concatMap((tick) -> reload().onErrorResume((error) -> {
				log.warn("Could not re-read the stored models: {}", error.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	private synchronized long nextTicket() {
		return ++this.requested;
	}

	private synchronized void apply(long ticket, List<DeploymentConfig> entries) {
		if (ticket < this.applied) {
			return;
		}
		this.applied = ticket;
		this.registry.replaceStored(entries);
	}

	@Override
	public void close() {
		Disposable current = this.polling;
		if (current != null) {
			current.dispose();
		}
	}

}
