-- LiteLLM's organizations (its LiteLLM_OrganizationTable and LiteLLM_OrganizationMembership): a named group of teams
-- and users with the models its teams may be given. Budgets of organizations are not kept, since the gateway does not
-- enforce them. Written for PostgreSQL and for H2 in PostgreSQL mode, as V1.
CREATE TABLE organizations (
	organization_id VARCHAR(255) PRIMARY KEY,
	organization_alias VARCHAR(255) NOT NULL,
	models TEXT NOT NULL,
	metadata TEXT NOT NULL,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	created_by VARCHAR(255),
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_by VARCHAR(255)
);
CREATE INDEX organizations_alias ON organizations (organization_alias);

CREATE TABLE organization_members (
	organization_id VARCHAR(255) NOT NULL REFERENCES organizations (organization_id) ON DELETE CASCADE,
	user_id VARCHAR(255) NOT NULL,
	user_role VARCHAR(64) NOT NULL,
	spend DOUBLE PRECISION NOT NULL DEFAULT 0,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user ON organization_members (user_id);
