package dev.llmgw.gateway.admin.store;

import java.time.OffsetDateTime;
import java.util.Map;

import dev.llmgw.gateway.storage.RowStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The organizations table and its members (organization_members). */
public final class OrganizationStore extends TableRows<OrganizationRow> {

	private final TableRows<OrganizationMemberRow> members;

	public OrganizationStore(RowStore rows) {
		super(rows, OrganizationRow.TABLE, OrganizationRow::from);
		this.members = new TableRows<>(rows, OrganizationMemberRow.TABLE, OrganizationMemberRow::from);
	}

	/** An organization's members, newest first. */
	public Flux<OrganizationMemberRow> members(String organizationId, int limit) {
		return this.members.findAll(Map.of("organization_id", organizationId), limit, 0);
	}

	/** The organizations a user is a member of, as memberships. */
	public Flux<OrganizationMemberRow> memberships(String userId, int limit) {
		return this.members.findAll(Map.of("user_id", userId), limit, 0);
	}

	/** A user's membership of an organization, empty when it is not a member. */
	public Mono<OrganizationMemberRow> membership(String organizationId, String userId) {
		return this.members.findAll(Map.of("organization_id", organizationId, "user_id", userId), 1, 0).next();
	}

	public Mono<Void> addMember(OrganizationMemberRow member) {
		return this.members.insert(member);
	}

	public Mono<Long> setMemberRole(String organizationId, String userId, String role, OffsetDateTime at) {
		return database().one((client) -> client
			.sql("UPDATE organization_members SET user_role = :role, updated_at = :at "
					+ "WHERE organization_id = :organization AND user_id = :user")
			.bind("role", role)
			.bind("at", at)
			.bind("organization", organizationId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated());
	}

	public Mono<Long> deleteMember(String organizationId, String userId) {
		return database().one((client) -> client
			.sql("DELETE FROM organization_members WHERE organization_id = :organization AND user_id = :user")
			.bind("organization", organizationId)
			.bind("user", userId)
			.fetch()
			.rowsUpdated());
	}

	/**
	 * Deletes organizations in one transaction, each only while no team or key names it;
	 * the whole delete fails with the first that gained one.
	 * @param ids the organizations
	 * @param held what to fail with for an organization that is not empty
	 */
	public Mono<Void> deleteEmpty(Iterable<String> ids, java.util.function.Function<String, Throwable> held) {
		return database().inTransaction((client) -> Flux.fromIterable(ids)
			.concatMap((id) -> client
				.sql("DELETE FROM organizations WHERE organization_id = :id AND NOT EXISTS "
						+ "(SELECT 1 FROM teams WHERE organization_id = :id) AND NOT EXISTS "
						+ "(SELECT 1 FROM api_keys WHERE organization_id = :id)")
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.flatMap((count) -> (count == 0) ? Mono.error(held.apply(id)) : Mono.just(count)))
			.then());
	}

}
