-- The Responses API's stored responses (store: true, OpenAI's default): GET /v1/responses/{id}, its input_items
-- and previous_response_id read them. owner is the SHA-256 of the key that made the response ('master' for the
-- master key): another key neither reads nor continues it. input_items and response are JSON text.
CREATE TABLE responses (
	response_id VARCHAR(128) PRIMARY KEY,
	owner VARCHAR(255) NOT NULL,
	previous_response_id VARCHAR(128),
	model VARCHAR(255) NOT NULL,
	input_items TEXT NOT NULL,
	response TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
