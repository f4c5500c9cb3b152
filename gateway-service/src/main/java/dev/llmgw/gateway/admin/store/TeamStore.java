package dev.llmgw.gateway.admin.store;

import java.util.Map;
import java.util.Optional;

import dev.llmgw.gateway.storage.RowStore;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/** The teams table and its members (team_members). */
public final class TeamStore extends TableRows<TeamRow> {

	private final TableRows<TeamMemberRow> members;

	public TeamStore(RowStore rows) {
		super(rows, TeamRow.TABLE, TeamRow::from);
		this.members = new TableRows<>(rows, TeamMemberRow.TABLE, TeamMemberRow::from);
	}

	/** The teams of an organization, newest first. */
	public Flux<TeamRow> ofOrganization(String organizationId, int limit) {
		return findAll(Map.of("organization_id", organizationId), limit, 0);
	}

	/** A team's members, newest first. */
	public Flux<TeamMemberRow> members(String teamId, int limit) {
		return this.members.findAll(Map.of("team_id", teamId), limit, 0);
	}

	/** A user's memberships of teams, newest first. */
	public Flux<TeamMemberRow> memberships(String userId, int limit) {
		return this.members.findAll(Map.of("user_id", userId), limit, 0);
	}

	/** A user's membership of a team, empty when it is not a member. */
	public Mono<TeamMemberRow> membership(String teamId, String userId) {
		return this.members.findAll(Map.of("team_id", teamId, "user_id", userId), 1, 0).next();
	}

	/**
	 * A user's role in a team ({@code admin} or {@code user}), empty when not a member.
	 */
	public Mono<Optional<String>> role(String teamId, @Nullable String userId) {
		if (userId == null) {
			return Mono.just(Optional.empty());
		}
		return membership(teamId, userId).map((member) -> Optional.of(String.valueOf(member.role())))
			.defaultIfEmpty(Optional.empty());
	}

	public Mono<Void> addMember(TeamMemberRow member) {
		return this.members.insert(member);
	}

	public Mono<Void> addMember(DatabaseClient client, TeamMemberRow member) {
		return this.members.insert(client, member);
	}

	public Mono<Long> setMemberRole(String teamId, String userId, String role) {
		return database().one(
				(client) -> client.sql("UPDATE team_members SET role = :role WHERE team_id = :team AND user_id = :user")
					.bind("role", role)
					.bind("team", teamId)
					.bind("user", userId)
					.fetch()
					.rowsUpdated());
	}

	/**
	 * @return 1 when the user was a member, 0 when not
	 */
	public Mono<Long> deleteMember(String teamId, String userId) {
		return database()
			.one((client) -> client.sql("DELETE FROM team_members WHERE team_id = :team AND user_id = :user")
				.bind("team", teamId)
				.bind("user", userId)
				.fetch()
				.rowsUpdated());
	}

	/**
	 * Deletes a team with its keys and memberships, in one transaction (as LiteLLM does).
	 */
	public Mono<Long> deleteWithKeys(String teamId) {
		return database().inTransaction((client) -> client.sql("DELETE FROM api_keys WHERE team_id = :team")
			.bind("team", teamId)
			.fetch()
			.rowsUpdated()
			.then(this.members.delete(client, "team_id", teamId))
			.then(delete(client, "team_id", teamId)));
	}

}
