-- Models added at runtime with /model/new (LiteLLM's LiteLLM_ProxyModelTable), loaded next to config.yaml's when
-- general_settings.store_model_in_db is on. litellm_params and model_info are JSON text as sent; secrets in them
-- may be os.environ/NAME references, resolved when the model is loaded.
CREATE TABLE proxy_models (
	model_id VARCHAR(255) PRIMARY KEY,
	model_name VARCHAR(255) NOT NULL,
	litellm_params TEXT NOT NULL,
	model_info TEXT NOT NULL,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	created_by VARCHAR(255),
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_by VARCHAR(255)
);
