-- Files and batches made through the gateway on a provider's account (OpenAI's and Azure's Files and Batch APIs):
-- which key owns each (owner: the key's SHA-256, 'master' for the master key), which deployment holds it, and the
-- provider's object as last read (JSON text), which the gateway's lists show. kind is 'file' or 'batch'.
CREATE TABLE provider_objects (
	object_id VARCHAR(255) PRIMARY KEY,
	kind VARCHAR(16) NOT NULL,
	owner VARCHAR(255) NOT NULL,
	model_group VARCHAR(255) NOT NULL,
	deployment_id VARCHAR(255) NOT NULL,
	object TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX provider_objects_owner ON provider_objects (owner, kind, created_at);
