package dev.llmgw.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmgw.ids.Ids;
import dev.llmgw.gateway.api.JsonBodyReader;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.auth.KeyHashes;
import dev.llmgw.gateway.auth.KeyInvalidation;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.PermissionDeniedError;
import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /key/*}: generate, update, delete, info, list, regenerate, block and unblock
 * virtual keys. Admins act on any key; other callers only on their own user's keys, and
 * never above their own user's limits.
 */
public final class KeyEndpoints {

	private final RowStore rows;

	private final KeyRows keys;

	private final KeyInvalidation invalidation;

	private final JsonBodyReader bodies;

	private final OwnLimits ownLimits;

	KeyEndpoints(RowStore rows, KeyRows keys, KeyInvalidation invalidation, JsonBodyReader bodies) {
		this.rows = rows;
		this.keys = keys;
		this.invalidation = invalidation;
		this.bodies = bodies;
		this.ownLimits = new OwnLimits(rows);
	}

	public Mono<ServerResponse> generate(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/generate");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = this.keys.withDefaults(body);
			this.keys.checkUpperBounds(fields);
			Map<String, @Nullable Object> forUser = new LinkedHashMap<>(body);
			if (!caller.isAdmin()) {
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
			return this.ownLimits.check(caller, row)
				.then(checkTeam(row.get("team_id")))
				.then(checkAliasFree(row.get("key_alias"), null))
				.then(this.rows.insert(AdminTables.KEYS, row))
				.then(Mono.fromRunnable(() -> this.invalidation.keyChanged((String) row.get("token"))))
				.then(AdminJson.ok(KeyRows.generateResponse(row, rawKey)));
		});
	}

	public Mono<ServerResponse> update(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		AdminAccess.requireWriter(caller, "/key/update");
		return this.bodies.readObject(request.exchange()).flatMap((body) -> {
			RequestFields fields = new RequestFields(body);
			String key = fields.required("key");
			if (!caller.isAdmin() && fields.has("user_id")
					&& !java.util.Objects.equals(fields.string("user_id"), caller.userId())) {
				return Mono.error(new PermissionDeniedError("User can only update keys for themselves. Got user_id="
						+ fields.string("user_id") + ", Your ID=" + caller.userId(), null, "user_id"));
			}
			this.keys.checkUpperBounds(fields);
			return ownedKey(caller, key).flatMap((existing) -> {
				Map<String, @Nullable Object> changes = this.keys.changes(fields, this.keys.now());
				changes.put("updated_at", this.keys.now());
				changes.put("updated_by", caller.userId());
				Map<String, @Nullable Object> updated = new LinkedHashMap<>(existing);
				updated.putAll(changes);
				String token = (String) existing.get("token");
				return this.ownLimits.check(caller, updated)
					.then(checkTeam(changes.get("team_id")))
					.then(checkAliasFree(changes.get("key_alias"), token))
					.then(this.rows.update(AdminTables.KEYS, token, changes))
					.then(Mono.fromRunnable(() -> this.invalidation.keyChanged(token)))
					.then(Mono.defer(() -> {
						Map<String, @Nullable Object> response = new LinkedHashMap<>();
						response.put("key", key);
						response.putAll(KeyRows.publicView(updated));
						return AdminJson.ok(response);
					}));
			});
		});
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
				.concatMap((value) -> (byAlias ? this.rows.findFirst(AdminTables.KEYS, "key_alias", value)
						: this.rows.find(AdminTables.KEYS, tokenOf(value))))
				.collectList()
				.flatMap((found) -> {
					if (found.size() < asSent.size()) {
						return Mono.error(new BadRequestError(
								"Not all keys passed in were deleted. This can happen "
										+ "if you try to delete keys that do not exist.",
								null, byAlias ? "key_aliases" : "keys"));
					}
					for (Map<String, @Nullable Object> row : found) {
						if (!AdminAccess.owns(caller, row)) {
							return Mono.error(AdminAccess.notOwner("keys"));
						}
					}
					return Flux.fromIterable(found)
						.concatMap((row) -> this.rows.delete(AdminTables.KEYS, row.get("token"))
							.doOnSuccess((deleted) -> this.invalidation.keyChanged((String) row.get("token"))))
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
		return this.rows.find(AdminTables.KEYS, token)
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Key not found in database")))
			.flatMap((row) -> {
				if (!caller.canReadAll() && !AdminAccess.owns(caller, row) && !token.equals(caller.keyHash())) {
					return Mono.error(AdminAccess.notOwner("keys"));
				}
				Map<String, @Nullable Object> info = KeyRows.publicView(row);
				info.remove("token");
				info.put("litellm_budget_table", null);
				Map<String, @Nullable Object> body = new LinkedHashMap<>();
				body.put("key", (key != null) ? key : token);
				body.put("info", info);
				return AdminJson.ok(body);
			});
	}

	public Mono<ServerResponse> list(ServerRequest request) {
		CallerIdentity caller = AdminAccess.caller(request.exchange());
		int page = Math.max(1, intParam(request, "page", 1));
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
		return this.rows.count(AdminTables.KEYS, where)
			.zipWith(this.rows.findAll(AdminTables.KEYS, where, size, (long) (page - 1) * size).collectList())
			.flatMap((result) -> {
				List<Object> keys = new ArrayList<>();
				result.getT2().forEach((row) -> keys.add(fullObjects ? KeyRows.publicView(row) : row.get("token")));
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
			return ownedKey(caller, key).flatMap((existing) -> {
				String newKey = (fields.string("new_key") != null) ? fields.string("new_key") : Ids.newKey();
				if (!newKey.startsWith("sk-")) {
					return Mono.error(new BadRequestError("new_key must start with 'sk-'", null, "new_key"));
				}
				Map<String, @Nullable Object> changes = this.keys.changes(fields, this.keys.now());
				Map<String, @Nullable Object> row = new LinkedHashMap<>(existing);
				row.putAll(changes);
				row.put("token", KeyHashes.sha256Hex(newKey));
				row.put("key_name", dev.llmgw.gateway.auth.ApiKeys.mask(newKey));
				row.put("updated_at", this.keys.now());
				row.put("updated_by", caller.userId());
				String oldToken = (String) existing.get("token");
				return this.ownLimits.check(caller, row)
					.then(this.rows.database()
						.inTransaction((client) -> this.rows.delete(client, AdminTables.KEYS, "token", oldToken)
							.then(this.rows.insert(client, AdminTables.KEYS, row))
							.thenReturn(row)))
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
			.flatMap((body) -> ownedKey(caller, new RequestFields(body).required("key")))
			.flatMap((row) -> {
				String token = (String) row.get("token");
				Map<String, @Nullable Object> changes = new LinkedHashMap<>();
				changes.put("blocked", blocked);
				changes.put("updated_at", this.keys.now());
				row.putAll(changes);
				return this.rows.update(AdminTables.KEYS, token, changes)
					.doOnSuccess((count) -> this.invalidation.keyChanged(token))
					.then(AdminJson.ok(KeyRows.publicView(row)));
			});
	}

	/** The key row, when it exists and the caller may act on it. */
	private Mono<Map<String, @Nullable Object>> ownedKey(CallerIdentity caller, String key) {
		return this.rows.find(AdminTables.KEYS, tokenOf(key))
			.switchIfEmpty(Mono.error(() -> new NotFoundError("Key not found in database", null, "key")))
			.flatMap(
					(row) -> AdminAccess.owns(caller, row) ? Mono.just(row) : Mono.error(AdminAccess.notOwner("keys")));
	}

	private Mono<Void> checkTeam(@Nullable Object teamId) {
		if (teamId == null) {
			return Mono.empty();
		}
		return this.rows.find(AdminTables.TEAMS, teamId)
			.switchIfEmpty(Mono.error(() -> new BadRequestError("Team not found: team_id=" + teamId, null, "team_id")))
			.then();
	}

	private Mono<Void> checkAliasFree(@Nullable Object alias, @Nullable String ownToken) {
		if (alias == null) {
			return Mono.empty();
		}
		return this.rows.findFirst(AdminTables.KEYS, "key_alias", alias)
			.filter((row) -> !row.get("token").equals(ownToken))
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

	private static int intParam(ServerRequest request, String name, int fallback) {
		try {
			return request.queryParam(name).map(Integer::parseInt).orElse(fallback);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestError("Invalid value for " + name + ": expected an integer", null, name);
		}
	}

}
