package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The users table: internal users. */
public final class UserStore extends TableRows<UserRow> {

	public UserStore(RowStore rows) {
		super(rows, UserRow.TABLE, UserRow::from);
	}

	/** A user by id, or else by e-mail; empty when neither finds one. */
	public Mono<UserRow> find(@Nullable String userId, @Nullable String email) {
		if (userId != null) {
			return find(userId);
		}
		return (email != null) ? findFirst("user_email", email) : Mono.empty();
	}

	/**
	 * Deletes a user with their keys and memberships, in one transaction.
	 * @return 1 when the user existed, else 0
	 */
	public Mono<Long> deleteWithKeys(String userId) {
		return database().inTransaction((client) -> client.sql("DELETE FROM api_keys WHERE user_id = :user")
			.bind("user", userId)
			.fetch()
			.rowsUpdated()
			.then(client.sql("DELETE FROM team_members WHERE user_id = :user")
				.bind("user", userId)
				.fetch()
				.rowsUpdated())
			.then(client.sql("DELETE FROM organization_members WHERE user_id = :user")
				.bind("user", userId)
				.fetch()
				.rowsUpdated())
			.then(delete(client, "user_id", userId)));
	}

	/**
	 * The user a team or organization member names, by id or e-mail, made an internal
	 * user when it does not exist yet, as LiteLLM does when it adds a member.
	 */
	public Mono<UserRow> findOrCreateMember(@Nullable String userId, @Nullable String email, OffsetDateTime now) {
		return find(userId, email).switchIfEmpty(Mono.defer(() -> {
			Map<String, @Nullable Object> user = new LinkedHashMap<>();
			user.put("user_id", (userId != null) ? userId : Ids.uuid());
			user.put("user_email", email);
			user.put("user_role", CallerIdentity.INTERNAL_USER);
			user.put("spend", 0.0);
			user.put("created_at", now);
			user.put("updated_at", now);
			UserRow row = UserRow.from(user);
			return insert(row).thenReturn(row);
		}));
	}

}
