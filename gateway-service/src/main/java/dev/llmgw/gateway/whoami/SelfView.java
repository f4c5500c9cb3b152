package dev.llmgw.gateway.whoami;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /key/self}. Every field is written, as null when unknown, so a
 * reader never confuses "absent" with "not sent". The key itself is never in it.
 *
 * @param ownerId SHA-256 (hex) of the presented credential: LiteLLM's key id (token) for
 * a virtual key, the same digest of the master key for the master key, null when the
 * gateway runs without a master key and the caller sent no key
 * @param keyName how the key is named in logs, e.g. {@code sk-...a1b2}
 * @param userId the key's user; for the master key LiteLLM's admin user,
 * {@code default_user_id}
 * @param teamId the key's team
 * @param userRole the LiteLLM role the key acts with
 * @param isMasterKey whether the credential is the master key
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SelfView(@JsonProperty("owner_id") @Nullable String ownerId, @JsonProperty("key_name") String keyName,
		@JsonProperty("user_id") @Nullable String userId, @JsonProperty("team_id") @Nullable String teamId,
		@JsonProperty("user_role") String userRole, @JsonProperty("is_master_key") boolean isMasterKey) {

}
