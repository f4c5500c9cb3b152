package dev.llmgw.gateway.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.storage.AdminTables;
import dev.llmgw.gateway.storage.RowStore;
import dev.llmgw.ids.Ids;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The user a team or organization member names, by id or e-mail, made an internal user
 * when it does not exist yet, as LiteLLM does when it adds a member.
 */
final class MemberUsers {

	private MemberUsers() {
	}

	static Mono<Map<String, @Nullable Object>> findOrCreate(RowStore rows, KeyRows keys, @Nullable String userId,
			@Nullable String email) {
		Mono<Map<String, @Nullable Object>> found = (userId != null) ? rows.find(AdminTables.USERS, userId)
				: rows.findFirst(AdminTables.USERS, "user_email", email);
		return found.switchIfEmpty(Mono.defer(() -> {
			Map<String, @Nullable Object> user = new LinkedHashMap<>();
			user.put("user_id", (userId != null) ? userId : Ids.uuid());
			user.put("user_email", email);
			user.put("user_role", CallerIdentity.INTERNAL_USER);
			user.put("spend", 0.0);
			user.put("created_at", keys.now());
			user.put("updated_at", keys.now());
			return rows.insert(AdminTables.USERS, user).thenReturn(user);
		}));
	}

}
