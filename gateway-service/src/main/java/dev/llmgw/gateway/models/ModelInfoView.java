package dev.llmgw.gateway.models;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmgw.gateway.config.LitellmParams;
import dev.llmgw.gateway.config.ModelInfo;
import dev.llmgw.gateway.pricing.ModelListing;
import dev.llmgw.gateway.pricing.PriceMap;
import dev.llmgw.gateway.providers.Deployment;
import org.jspecify.annotations.Nullable;

/**
 * One item of LiteLLM's /model/info: {@code model_name}, the deployment's
 * {@code litellm_params} without its secrets, and {@code model_info} from the price map
 * overlaid by the deployment's own model_info, with LiteLLM's {@code id} and
 * {@code db_model}.
 */
final class ModelInfoView {

	private final PriceMap prices;

	ModelInfoView(PriceMap prices) {
		this.prices = prices;
	}

	Map<String, Object> render(Deployment deployment, boolean stored) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("model_name", deployment.modelName());
		item.put("litellm_params", SecretMasking.litellmParams(params(deployment.params())));
		item.put("model_info", modelInfo(deployment, stored));
		return item;
	}

	private Map<String, @Nullable Object> modelInfo(Deployment deployment, boolean stored) {
		ModelInfo own = deployment.modelInfo();
		ModelListing listed = this.prices.listing(deployment);
		Map<String, @Nullable Object> info = new LinkedHashMap<>();
		info.put("id", deployment.id());
		info.put("db_model", stored);
		// the gateway's own: a deployment whose key or base URL is unset is listed, not
		// dropped,
		// with the variable to set
		String missing = deployment.missingSetting();
		info.put("available", missing == null);
		info.put("missing_setting", missing);
		info.put("key", (listed != null) ? listed.key() : null);
		info.put("mode", first(own.mode(), (listed != null) ? listed.mode() : null));
		info.put("max_tokens", (listed != null) ? listed.maxTokens() : null);
		info.put("max_input_tokens", first(own.maxInputTokens(), (listed != null) ? listed.maxInputTokens() : null));
		info.put("max_output_tokens", first(own.maxOutputTokens(), (listed != null) ? listed.maxOutputTokens() : null));
		info.put("input_cost_per_token",
				first(own.inputCostPerToken(), (listed != null) ? listed.inputCostPerToken() : null));
		info.put("output_cost_per_token",
				first(own.outputCostPerToken(), (listed != null) ? listed.outputCostPerToken() : null));
		info.put("litellm_provider", (listed != null && listed.litellmProvider() != null) ? listed.litellmProvider()
				: deployment.provider().name());
		if (listed != null) {
			info.putAll(listed.supports());
		}
		if (own.baseModel() != null) {
			info.put("base_model", own.baseModel());
		}
		own.other().forEach(info::putIfAbsent);
		return info;
	}

	/** litellm_params as configured, from their bound form. */
	static Map<String, Object> params(LitellmParams params) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("model", params.model());
		map.put("api_key", params.apiKey());
		map.put("api_base", params.apiBase());
		map.put("api_version", params.apiVersion());
		map.put("aws_region_name", params.awsRegionName());
		map.put("weight", params.weight());
		map.put("rpm", params.rpm());
		map.put("tpm", params.tpm());
		map.put("timeout", params.timeoutSeconds());
		map.put("stream_timeout", params.streamTimeoutSeconds());
		map.put("max_retries", params.maxRetries());
		map.put("drop_params", params.dropParams());
		map.put("extra_headers", params.extraHeaders().isEmpty() ? null : params.extraHeaders());
		map.putAll(params.defaults());
		map.putAll(params.providerSettings());
		Map<String, Object> present = new LinkedHashMap<>();
		map.forEach((key, value) -> {
			if (value != null) {
				present.put(key, value);
			}
		});
		return present;
	}

	private static <T> @Nullable T first(@Nullable T own, @Nullable T listed) {
		return (own != null) ? own : listed;
	}

}
