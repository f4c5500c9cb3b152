package dev.llmgw.gateway.admin.keys;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.llmgw.gateway.admin.AdminAccess;
import dev.llmgw.gateway.admin.AdminClock;
import dev.llmgw.gateway.admin.AdminJson;
import dev.llmgw.gateway.admin.AdminViews;
import dev.llmgw.gateway.admin.RequestFields;
import dev.llmgw.gateway.admin.store.KeyRow;
import dev.llmgw.gateway.admin.store.KeyStore;
import dev.llmgw.gateway.admin.store.TeamStore;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.web.QueryParams;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /key/*}: generate, update, delete, info, list, regenerate, block and unblock
 * virtual keys. Admins act on any key, team admins on their team's keys, other callers
 * only on their own user's keys; a key a non-admin creates or changes never holds more
 * than the calling key (docs/admin-access.md).
 */
public final class KeyEndpoints {

	private final KeyStore keyStore;

	private final TeamStore teams;

	private final UserStore users;

	private final KeyRows keys;

	private final AdminClock clock;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	private final OwnLimits ownLimits;

	private final KeyAccess access;

	KeyEndpoints(KeyStore keyStore, TeamStore teams, UserStore users, KeyRows keys, AdminClock clock,
			KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.keyStore = keyStore;
		this.teams = teams;
		this.users = users;
		this.keys = keys;
		this.clock = clock;
		this.invalidation = invalidation;
		this.bodies = bodies;
		this.ownLimits = new OwnLimits(users);
		this.access = new KeyAccess(teams);
	}

	public Mono<ServerResponse> generate(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/generate");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = this.keys.withDefaults(body);
			this.keys.checkUpperBounds(fields);
			Map<String, @Nullable Object> forUser = new LinkedHashMap<>(body);
			if (!caller.isAdmin()) {
				AdminOnlyKeyFields.check(caller, body, "/key/generate");
				AdminOnlyKeyFields.checkRoutes(caller, body, null, "/key/generate");
				if (caller.userId() == null) {
					// stricter than LiteLLM: a key of nobody's that mints keys of
					// nobody's
					// could multiply its own budget, since no user budget bounds them all
					return Mono.error(new PermissionDeniedError("This key has no user_id, so it cannot create keys. "
							+ "Create keys with a user's key or the master key.", null, "user_id"));
				}
				String userId = fields.string("user_id");
				if (userId != null && !userId.equals(caller.userId())) {
					return Mono.error(new PermissionDeniedError("User can only create keys for themselves. Got user_id="
							+ userId + ", Your ID=" + caller.userId(), null, "user_id"));
				}
				forUser.put("user_id", caller.userId());
			}
			RequestFields effective = this.keys.withDefaults(forUser);
			String rawKey = rawKey(effective);
			Map<String, @Nullable Object> row = this.keys.newRow(effective, rawKey, caller.userId());
			if (!caller.isAdmin() && !caller.allowedRoutes().isEmpty()) {
				// a restricted key makes keys restricted alike
				row.put("allowed_routes", caller.allowedRoutes());
			}
			if (Boolean.TRUE.equals(row.get("blocked"))) {
				row.put("blocked_by", KeyAccess.PROXY_ADMIN);
			}
			Mono<Void> withinPower = caller.isAdmin() ? Mono.empty()
					: this.access.requireMember(caller, text(row.get("team_id")))
						.then(callerPower(caller, text(row.get("team_id"))))
						.doOnNext((power) -> KeyPowerCheck.apply(power, row, KeyPowerCheck.FIELDS, explicit(body),
								this.clock.now()))
						.then();
			// deferred: the power check above completes the row
			return withinPower.then(Mono.defer(() -> this.ownLimits.check(caller, KeyRow.from(row))))
				.then(checkTeam(text(row.get("team_id"))))
				.then(checkAliasFree(text(row.get("key_alias")), null))
				.then(checkKeyFree((String) row.get("token")))
				.then(Mono.defer(() -> this.keyStore.insert(KeyRow.from(row))))
				.then(Mono.fromRunnable(() -> this.invalidation.keyChanged((String) row.get("token"))))
				.then(Mono.defer(() -> AdminJson.ok(KeyRows.generateResponse(row, rawKey))));
		});
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String key = fields.required("key");
			AdminOnlyKeyFields.check(caller, body, "/key/update");
			this.keys.checkUpperBounds(fields);
			return managedKey(caller, key).flatMap((managed) -> {
				KeyRow existing = managed.row();
				AdminOnlyKeyFields.checkRoutes(caller, body, existing.allowedRoutes(), "/key/update");
				Map<String, @Nullable Object> changes = this.keys.changes(fields, this.clock.now());
				changes.put("updated_at", this.clock.now());
				changes.put("updated_by", caller.userId());
				Map<String, @Nullable Object> updated = existing.columns();
				String token = String.valueOf(existing.token());
				return withinPower(caller, managed, body, changes, updated)
					.then(Mono.defer(() -> this.ownLimits.check(caller, KeyRow.from(updated))))
					.then(checkTeam(text(changes.get("team_id"))))
					.then(checkAliasFree(text(changes.get("key_alias")), token))
					.then(Mono.defer(() -> this.keyStore.update(token, changes)))
					.then(Mono.fromRunnable(() -> this.invalidation.keyChanged(token)))
					.then(Mono.defer(() -> {
						Map<String, @Nullable Object> response = new LinkedHashMap<>();
						response.put("key", key);
						response.putAll(AdminViews.publicView(updated));
						return AdminJson.ok(response);
					}));
			});
		});
	}

	/**
	 * Checks and completes the changes a non-admin (or a team admin) asks of an existing
	 * key: it stays its user's, a team it moves into must be one the caller belongs to,
	 * what it is given is held to the caller's power, and a block is lifted only with the
	 * blocker's authority. Fills {@code updated} with the row as it will be.
	 */
	private Mono<Void> withinPower(CallerIdentity caller, ManagedKey managed, Map<String, @Nullable Object> body,
			Map<String, @Nullable Object> changes, Map<String, @Nullable Object> updated) {
		KeyRow existing = managed.row();
		Map<String, @Nullable Object> before = existing.columns();
		if (!caller.isAdmin() && body.containsKey("user_id")
				&& !Objects.equals(new RequestFields(body).string("user_id"), existing.userId())) {
			return Mono.error(new PermissionDeniedError("User can only update keys for themselves. Got user_id="
					+ body.get("user_id") + ", Your ID=" + caller.userId(), null, "user_id"));
		}
		if (changes.containsKey("blocked")) {
			changeBlocked(managed, Boolean.TRUE.equals(changes.get("blocked")), changes);
		}
		updated.putAll(changes);
		if (caller.isAdmin()) {
			return Mono.empty();
		}
		keepGovernedMetadata(body, existing, changes, updated);
		boolean teamMoves = changes.containsKey("team_id")
				&& !Objects.equals(changes.get("team_id"), existing.teamId());
		Set<String> scope = new HashSet<>(KeyPowerCheck.FIELDS);
		if (!teamMoves) {
			// moving team can widen what the unchanged fields mean, so then all are held
			scope.retainAll(body.keySet());
		}
		return (teamMoves ? this.access.requireMember(caller, text(changes.get("team_id"))) : Mono.<Void>empty())
			.then(callerPower(caller, text(updated.get("team_id"))))
			.doOnNext((power) -> {
				KeyPowerCheck.apply(power, updated, scope, explicit(body), this.clock.now());
				for (String column : KeyPowerCheck.COLUMNS) {
					// what the check held a change to replaces the change as sent (a
					// cleared
					// limit held back to the caller's own must not be written as cleared)
					if (changes.containsKey(column) || !Objects.equals(updated.get(column), before.get(column))) {
						changes.put(column, updated.get(column));
					}
				}
			})
			.then();
	}

	/** Metadata entries that govern the key's calls, which only an admin changes. */
	private static final List<String> ADMIN_METADATA = List.of("enforced_params", "guardrails", "policies");

	/** Per-model limits in metadata, which a non-admin changes only within its power. */
	private static final List<String> LIMIT_METADATA = List.of("model_rpm_limit", "model_tpm_limit");

	/**
	 * A non-admin's new metadata replaces the old one, as LiteLLM's does, but not what
	 * governs the key: the admin-set entries stay (a different value is refused), and the
	 * per-model limits stay unless the request sets them, when the power check holds
	 * them.
	 */
	@SuppressWarnings("unchecked")
	private static void keepGovernedMetadata(Map<String, @Nullable Object> body, KeyRow existing,
			Map<String, @Nullable Object> changes, Map<String, @Nullable Object> updated) {
		if (!(changes.get("metadata") instanceof Map<?, ?> fresh)) {
			return;
		}
		Map<?, ?> stored = existing.metadata();
		Map<?, ?> sentMetadata = (body.get("metadata") instanceof Map<?, ?> map) ? map : Map.of();
		Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) fresh);
		for (String field : ADMIN_METADATA) {
			boolean sent = body.containsKey(field) || sentMetadata.containsKey(field);
			if (sent && !Objects.equals(kept.get(field), stored.get(field))) {
				throw new PermissionDeniedError("Only an admin may change " + field + " of a key", null, field);
			}
			copy(stored, kept, field);
		}
		for (String field : LIMIT_METADATA) {
			if (!body.containsKey(field) && !sentMetadata.containsKey(field)) {
				copy(stored, kept, field);
			}
		}
		changes.put("metadata", kept);
		updated.put("metadata", kept);
	}

	private static void copy(Map<?, ?> from, Map<String, Object> to, String field) {
		if (from.containsKey(field)) {
			to.put(field, from.get(field));
		}
		else {
			to.remove(field);
		}
	}

	/**
	 * Regenerating hands the caller the key's new secret, so a non-admin may regenerate
	 * only a key that holds no more than the caller's own power (its own key always
	 * passes): otherwise a restricted key could take over an unrestricted sibling.
	 */
	private Mono<Void> notWider(CallerIdentity caller, KeyRow target) {
		if (caller.isAdmin() || Objects.equals(target.token(), caller.keyHash())) {
			return Mono.empty();
		}
		return callerPower(caller, target.teamId()).doOnNext((power) -> {
			Map<String, @Nullable Object> stored = target.columns();
			Map<String, @Nullable Object> held = target.columns();
			KeyPowerCheck.apply(power, held, KeyPowerCheck.FIELDS, Set.of(), this.clock.now());
			for (String column : KeyPowerCheck.COLUMNS) {
				if (!Objects.equals(held.get(column), stored.get(column))) {
					throw new PermissionDeniedError(
							"This key may do more than yours (" + column + "), so only an admin may regenerate it",
							null, "key");
				}
			}
		}).then();
	}

	/**
	 * Sets blocked and who blocked: a block keeps the highest authority that set it, and
	 * only that authority or a higher one lifts it.
	 */
	private static void changeBlocked(ManagedKey managed, boolean blocked, Map<String, @Nullable Object> changes) {
		KeyRow row = managed.row();
		boolean wasBlocked = Boolean.TRUE.equals(row.blocked());
		String by = wasBlocked ? row.blockedBy() : null;
		if (blocked) {
			changes.put("blocked_by", (wasBlocked && KeyAccess.rank(by) >= KeyAccess.rank(managed.authority()))
					? blockedBy(by) : managed.authority());
			return;
		}
		if (wasBlocked && KeyAccess.rank(managed.authority()) < KeyAccess.rank(by)) {
			throw new PermissionDeniedError(
					"This key was blocked by " + describe(by, row.teamId()) + ", so only they can unblock it.", null,
					"key");
		}
		changes.put("blocked_by", null);
	}

	private static String blockedBy(@Nullable String by) {
		return (by != null) ? by : KeyAccess.PROXY_ADMIN;
	}

	private static String describe(@Nullable String by, @Nullable String teamId) {
		if (KeyAccess.OWNER.equals(by)) {
			return "its owner";
		}
		if (KeyAccess.TEAM_ADMIN.equals(by)) {
			return "an admin of team=" + teamId + " (or a proxy admin)";
		}
		return "a proxy admin";
	}

	private Mono<KeyPower> callerPower(CallerIdentity caller, @Nullable String newTeamId) {
		String hash = caller.keyHash();
		if (hash == null && caller.userId() != null) {
			// a user signed in without a key (the UI's single sign-on): bounded by the
			// user's
			// own models, limits and budget, as a key of that user would be
			return this.users.find(caller.userId())
				.switchIfEmpty(Mono.error(() -> new PermissionDeniedError("Your user no longer exists", null, null)))
				.map(KeyPower::of);
		}
		if (hash == null) {
			return Mono
				.error(new PermissionDeniedError("Only keys stored in the database can manage keys", null, null));
		}
		return this.keyStore.find(hash)
			.switchIfEmpty(Mono.error(() -> new PermissionDeniedError("Your key no longer exists", null, null)))
			.flatMap((keyRow) -> {
				String teamId = keyRow.teamId();
				if (teamId == null || teamId.equals(newTeamId)) {
					return Mono.fromSupplier(() -> KeyPower.of(keyRow, null));
				}
				return this.teams.find(teamId)
					.map((team) -> KeyPower.of(keyRow, team))
					.switchIfEmpty(Mono.fromSupplier(() -> KeyPower.of(keyRow, null)));
			});
	}

	/** The request fields the caller gave a value. */
	private static Set<String> explicit(Map<String, @Nullable Object> body) {
		Set<String> given = new HashSet<>();
		body.forEach((field, value) -> {
			if (value != null) {
				given.add(field);
			}
		});
		return given;
	}

	public Mono<ServerResponse> delete(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/delete");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			List<String> keys = fields.strings("keys");
			List<String> aliases = fields.strings("key_aliases");
			if ((keys == null || keys.isEmpty()) && (aliases == null || aliases.isEmpty())) {
				return Mono.error(new BadRequestError("Send 'keys' or 'key_aliases' (a non-empty list)", null, "keys"));
			}
			List<String> asSent = (keys != null && !keys.isEmpty()) ? keys : aliases;
			boolean byAlias = keys == null || keys.isEmpty();
			return Flux.fromIterable(asSent)
				.concatMap((value) -> (byAlias ? this.keyStore.findFirst("key_alias", value)
						: this.keyStore.find(tokenOf(value))))
				.collectList()
				.flatMap((found) -> {
					if (found.size() < asSent.size()) {
						return Mono.error(new BadRequestError(
								"Not all keys passed in were deleted. This can happen "
										+ "if you try to delete keys that do not exist.",
								null, byAlias ? "key_aliases" : "keys"));
					}
					return Flux.fromIterable(found)
						.concatMap((row) -> this.access.require(caller, row))
						.then(Mono.just(found))
						.flatMapMany(Flux::fromIterable)
						.concatMap((row) -> this.keyStore.delete(String.valueOf(row.token()))
							.doOnSuccess((deleted) -> this.invalidation.keyChanged(String.valueOf(row.token()))))
						.then(AdminJson.ok(Map.of("deleted_keys", asSent)));
				});
		});
	}

	public Mono<ServerResponse> info(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		String key = request.queryParam("key").orElse(null);
		String token = (key != null) ? tokenOf(key) : caller.keyHash();
		if (token == null) {
			return Mono.error(new BadRequestError("Pass the key to look up: /key/info?key=sk-...", null, "key"));
		}
		return this.keyStore.find(token)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Key not found in database")))
			.flatMap((row) -> ((caller.canReadAll() || token.equals(caller.keyHash())) ? Mono.just(row)
					: this.access.require(caller, row).thenReturn(row)))
			.flatMap((row) -> {
				Map<String, @Nullable Object> info = AdminViews.publicView(row);
				info.remove("token");
				info.put("litellm_budget_table", null);
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("key", (key != null) ? key : token);
				body.put("info", info);
				return AdminJson.ok(body);
			});
	}

	/**
	 * {@code POST /key/health}: the calling key's own health, as LiteLLM reports it. The
	 * gateway does not run a key's own logging callbacks ({@code metadata.logging}), so a
	 * key that names some is reported unhealthy, saying that they receive nothing.
	 */
	public Mono<ServerResponse> health(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		Mono<KeyRow> row = (caller.keyHash() != null) ? this.keyStore.find(caller.keyHash()) : Mono.empty();
		return row.map((key) -> Optional.ofNullable(key.metadata().get("logging")))
			.defaultIfEmpty(Optional.empty())
			.flatMap((logging) -> {
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				if (logging.isEmpty() || (logging.get() instanceof List<?> list && list.isEmpty())) {
					body.put("key", "healthy");
					body.put("logging_callbacks", null);
					return AdminJson.ok(body);
				}
				List<String> names = new ArrayList<>();
				if (logging.get() instanceof List<?> list) {
					list.forEach((entry) -> names.add((entry instanceof Map<?, ?> callback)
							? String.valueOf(callback.get("callback_name")) : String.valueOf(entry)));
				}
				Map<String, @Nullable Object> callbacks = new LinkedHashMap<>();
				callbacks.put("callbacks", names);
				callbacks.put("status", "unhealthy");
				callbacks.put("details", "This gateway does not run a key's own logging callbacks (metadata.logging): "
						+ names + " receive nothing. Configure callbacks in config.yaml instead.");
				body.put("key", "unhealthy");
				body.put("logging_callbacks", callbacks);
				return AdminJson.ok(body);
			});
	}

	/** Most aliases {@code /key/aliases} answers (LiteLLM answers all of them). */
	static final int MAX_ALIASES = 10_000;

	/** The most keys {@code /spend/keys} (and {@code /spend/users}) answers. */
	public static final int MAX_SPEND_KEYS = 1000;

	/**
	 * {@code GET /key/aliases}: every key's alias (the first {@value #MAX_ALIASES} in
	 * order), blank ones left out, each once; admins only, as in LiteLLM.
	 */
	public Mono<ServerResponse> aliases(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireAdmin(caller, "/key/aliases");
		return this.keyStore.database()
			.many((client) -> client
				.sql("SELECT DISTINCT TRIM(key_alias) AS alias FROM api_keys WHERE key_alias IS NOT NULL "
						+ "AND TRIM(key_alias) <> '' ORDER BY alias LIMIT " + MAX_ALIASES)
				.map((found) -> String.valueOf(found.get("alias")))
				.all())
			.collectList()
			.flatMap((aliases) -> AdminJson.ok(Map.of("aliases", aliases)));
	}

	/**
	 * {@code GET /spend/keys}, LiteLLM's "all keys, by spend": admins and admin viewers
	 * (LiteLLM lets any key read every key here), the {@value #MAX_SPEND_KEYS} that spent
	 * most (LiteLLM answers all of them, which at a million keys is a denial of service).
	 */
	public Mono<ServerResponse> spendKeys(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireReadAll(caller, "/spend/keys");
		return this.keyStore
			.query("SELECT * FROM api_keys ORDER BY spend DESC, token LIMIT " + MAX_SPEND_KEYS, Map.of())
			.map(AdminViews::publicView)
			.collectList()
			.flatMap(AdminJson::ok);
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		int page = (int) QueryParams.number(request, "page", 1, 1, 1_000_000);
		int size = Math.min(100, Math.max(1, intParam(request, "size", 10)));
		boolean fullObjects = Boolean.parseBoolean(request.queryParam("return_full_object").orElse("false"));
		Map<String, Object> where = new LinkedHashMap<>();
		request.queryParam("user_id").ifPresent((value) -> where.put("user_id", value));
		request.queryParam("team_id").ifPresent((value) -> where.put("team_id", value));
		request.queryParam("key_alias").ifPresent((value) -> where.put("key_alias", value));
		request.queryParam("key_hash").ifPresent((value) -> where.put("token", value));
		if (!caller.canReadAll()) {
			if (caller.userId() == null) {
				where.put("token", String.valueOf(caller.keyHash()));
			}
			else {
				where.put("user_id", caller.userId());
			}
		}
		return this.keyStore.count(where)
			.zipWith(this.keyStore.findNewest(where, size, (long) (page - 1) * size).collectList())
			.flatMap((result) -> {
				List<Object> keys = new ArrayList<>();
				result.getT2().forEach((row) -> keys.add(fullObjects ? AdminViews.publicView(row) : row.token()));
				long total = result.getT1();
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("keys", keys);
				body.put("total_count", total);
				body.put("current_page", page);
				body.put("total_pages", (total + size - 1) / size);
				return AdminJson.ok(body);
			});
	}

	public Mono<ServerResponse> regenerate(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/regenerate");
		String pathKey = request.pathVariables().get("key");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String key = (pathKey != null) ? pathKey : fields.required("key");
			AdminOnlyKeyFields.check(caller, body, "/key/regenerate");
			this.keys.checkUpperBounds(fields);
			return managedKey(caller, key).flatMap((managed) -> {
				KeyRow existing = managed.row();
				AdminOnlyKeyFields.checkRoutes(caller, body, existing.allowedRoutes(), "/key/regenerate");
				String newKey = (fields.string("new_key") != null) ? fields.string("new_key") : Ids.newKey();
				if (!newKey.startsWith("sk-")) {
					return Mono.error(new BadRequestError("new_key must start with 'sk-'", null, "new_key"));
				}
				// the body may change the key as /key/update does, so it is held to the
				// same
				// rules
				Map<String, @Nullable Object> changes = this.keys.changes(fields, this.clock.now());
				Map<String, @Nullable Object> row = existing.columns();
				String oldToken = String.valueOf(existing.token());
				return notWider(caller, existing).then(withinPower(caller, managed, body, changes, row))
					.then(Mono.defer(() -> {
						row.put("token", KeyHashes.sha256Hex(newKey));
						row.put("key_name", dev.llmgw.gateway.auth.ApiKeys.mask(newKey));
						row.put("updated_at", this.clock.now());
						row.put("updated_by", caller.userId());
						KeyRow regenerated = KeyRow.from(row);
						return this.ownLimits.check(caller, regenerated)
							.then(checkTeam(text(changes.get("team_id"))))
							.then(checkAliasFree(text(changes.get("key_alias")), oldToken))
							.then(this.keyStore.database()
								.inTransaction((client) -> this.keyStore.delete(client, "token", oldToken)
									.then(this.keyStore.insert(client, regenerated))
									.thenReturn(row)));
					}))
					.doOnSuccess((saved) -> this.invalidation.keyChanged(oldToken))
					.flatMap((saved) -> AdminJson.ok(KeyRows.generateResponse(saved, newKey)));
			});
		});
	}

	public Mono<ServerResponse> block(ServerRequest request) {
		return setBlocked(request, true, "/key/block");
	}

	public Mono<ServerResponse> unblock(ServerRequest request) {
		return setBlocked(request, false, "/key/unblock");
	}

	private Mono<ServerResponse> setBlocked(ServerRequest request, boolean blocked, String route) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, route);
		return this.bodies.readObject(request.exchange())
			.flatMap((body) -> managedKey(caller, new RequestFields(body).required("key")))
			.flatMap((managed) -> {
				String token = String.valueOf(managed.row().token());
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("blocked", blocked);
				changeBlocked(managed, blocked, changes);
				changes.put("updated_at", this.clock.now());
				return this.keyStore.update(token, changes)
					.doOnSuccess((count) -> this.invalidation.keyChanged(token))
					.then(AdminJson.ok(AdminViews.publicView(managed.row().with(changes))));
			});
	}

	/** The key row, when it exists and the caller may act on it, with its authority. */
	private Mono<ManagedKey> managedKey(CallerIdentity caller, String key) {
		return this.keyStore.find(tokenOf(key))
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Key not found in database", null, "key")))
			.flatMap((row) -> this.access.require(caller, row).map((authority) -> new ManagedKey(row, authority)));
	}

	private Mono<Void> checkTeam(@Nullable String teamId) {
		if (teamId == null) {
			return Mono.empty();
		}
		return this.teams.find(teamId)
			.switchIfEmpty(Mono.error(() -> new BadRequestError("Team not found: team_id=" + teamId, null, "team_id")))
			.then();
	}

	/** A chosen key that is already in use is a 400, not the database's 500. */
	private Mono<Void> checkKeyFree(String token) {
		return this.keyStore.find(token)
			.flatMap((existing) -> Mono.error(new BadRequestError(
					"This key already exists. Choose another key or leave 'key' out to have one generated.", null,
					"key")));
	}

	private Mono<Void> checkAliasFree(@Nullable String alias, @Nullable String ownToken) {
		if (alias == null) {
			return Mono.empty();
		}
		return this.keyStore.findFirst("key_alias", alias)
			.filter((row) -> !Objects.equals(row.token(), ownToken))
			.flatMap((row) -> Mono.error(new BadRequestError(
					"Key with alias '" + alias + "' already exists. Unique key aliases across all keys are required.",
					null, "key_alias")));
	}

	private static String rawKey(RequestFields fields) {
		String chosen = fields.string("key");
		if (chosen == null) {
			return Ids.newKey();
		}
		if (!chosen.startsWith("sk-")) {
			throw new BadRequestError("Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received: "
					+ dev.llmgw.gateway.auth.ApiKeys.mask(chosen), null, "key");
		}
		return chosen;
	}

	/**
	 * Management routes take a key or its hash: a value starting with sk- is hashed,
	 * anything else is the hash.
	 */
	static String tokenOf(String key) {
		return key.startsWith("sk-") ? KeyHashes.sha256Hex(key) : key;
	}

	/** A draft's text column: null stays null. */
	private static @Nullable String text(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static int intParam(ServerRequest request, String name, int fallback) {
		try {
			return request.queryParam(name).map(Integer::parseInt).orElse(fallback);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestError("Invalid value for " + name + ": expected an integer", null, name);
		}
	}

	/**
	 * A key row and the caller's authority over it.
	 *
	 * @param row the stored row
	 * @param authority proxy_admin, team_admin or owner
	 */
	private record ManagedKey(KeyRow row, String authority) {

	}

}
