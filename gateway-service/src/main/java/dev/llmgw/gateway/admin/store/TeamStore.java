package dev.llmgw.gateway.admin.store;

import java.util.Map;

import dev.llmgw.gateway.storage.RowStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

	/** The member rows' own store, for what the methods above do not cover. */
	public TableRows<TeamMemberRow> memberRows() {
		return this.members;
	}

}
