package dev.llmgw.storage;

import java.util.function.Function;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A service database client. PostgreSQL's R2DBC driver is non-blocking; H2's does file
 * I/O on the calling thread, so for the embedded database every statement is moved off
 * the event loop to a worker thread.
 */
public final class Database {

	private final DatabaseClient client;

	private final boolean embedded;

	private final Scheduler scheduler;

	private final TransactionalOperator transactions;

	public Database(DatabaseClient client, TransactionalOperator transactions, boolean embedded) {
		this.client = client;
		this.transactions = transactions;
		this.embedded = embedded;
		this.scheduler = Schedulers.boundedElastic();
	}

	public boolean embedded() {
		return this.embedded;
	}

	/** Runs a statement that yields one row or none. */
	public <T> Mono<T> one(Function<DatabaseClient, Mono<T>> statement) {
		Mono<T> result = Mono.defer(() -> statement.apply(this.client));
		return Mono.defer(() -> offload(result));
	}

	/** Runs a statement that yields rows. */
	public <T> Flux<T> many(Function<DatabaseClient, Flux<T>> statement) {
		Flux<T> result = Flux.defer(() -> statement.apply(this.client));
		return Flux.defer(() -> offload(result));
	}

	/**
	 * Runs blocking work on a worker thread and hands its result back to the event loop
	 * that asked, so that the rest of the request (writing the response, reading the next
	 * one) happens where Netty expects it.
	 */
	private <T> Mono<T> offload(Mono<T> work) {
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		// a cancel (the client went away) rolls back and releases the connection: file
		// I/O
		// for H2, so it too runs off the event loop
		Mono<T> offloaded = this.embedded ? work.subscribeOn(this.scheduler).cancelOn(this.scheduler) : work;
		return (loop != null) ? offloaded.publishOn(Schedulers.fromExecutor(loop)) : offloaded;
	}

	private <T> Flux<T> offload(Flux<T> work) {
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		Flux<T> offloaded = this.embedded ? work.subscribeOn(this.scheduler).cancelOn(this.scheduler) : work;
		return (loop != null) ? offloaded.publishOn(Schedulers.fromExecutor(loop)) : offloaded;
	}

	/**
	 * PostgreSQL's COPY FROM STDIN on the statement's connection (the transaction's,
	 * inside {@link #inTransaction}): rows already in COPY's text format. No statement to
	 * parse and no parameter to bind per value, which made multi-row INSERTs of spend
	 * logs cost a fifth of the gateway's CPU under load. PostgreSQL only.
	 * @param client the client of the surrounding work
	 * @param sql {@code COPY table (columns) FROM STDIN}
	 * @param text the rows, one a line, tab between columns, {@code \N} for null
	 * @return the rows copied
	 */
	public Mono<Long> copyIn(DatabaseClient client, String sql, byte[] text) {
		if (this.embedded) {
			return Mono.error(new UnsupportedOperationException("COPY is PostgreSQL's"));
		}
		return client.inConnection((connection) -> postgres(connection).copyIn(sql).from(text).build());
	}

	private static PostgresqlConnection postgres(Connection connection) {
		Object unwrapped = connection;
		// Spring's close-suppressing proxy, then the pool's connection
		for (int depth = 0; depth < 8 && !(unwrapped instanceof PostgresqlConnection); depth++) {
			if (!(unwrapped instanceof Wrapped<?> wrapped)) {
				break;
			}
			unwrapped = wrapped.unwrap();
		}
		if (unwrapped instanceof PostgresqlConnection postgres) {
			return postgres;
		}
		throw new IllegalStateException("not a PostgreSQL connection: " + connection.getClass().getName());
	}

	/** Runs statements in one transaction: all of them take effect, or none. */
	public <T> Mono<T> inTransaction(Function<DatabaseClient, Mono<T>> work) {
		Mono<T> result = this.transactions.transactional(Mono.defer(() -> work.apply(this.client)));
		return Mono.defer(() -> offload(result));
	}

}
