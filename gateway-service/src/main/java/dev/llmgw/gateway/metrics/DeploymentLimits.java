package dev.llmgw.gateway.metrics;

import dev.llmgw.gateway.providers.Deployment;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * LiteLLM's {@code litellm_deployment_rpm_limit} and
 * {@code litellm_deployment_tpm_limit}: the limits each deployment of the config has
 * ({@code rpm}, {@code tpm} in its {@code litellm_params}), published at start as LiteLLM
 * publishes them ("found in config"); a deployment without one has no gauge.
 */
final class DeploymentLimits {

	private DeploymentLimits() {
	}

	static void register(MeterRegistry registry, Iterable<Deployment> deployments) {
		for (Deployment deployment : deployments) {
			String provider = deployment.provider().name();
			String[] labels = { CallMetrics.litellmModel(provider, deployment.providerModel()), deployment.id(),
					CallMetrics.value(deployment.apiBase()), provider };
			Integer rpm = deployment.params().rpm();
			if (rpm != null) {
				Gauge.builder(Families.DEPLOYMENT_RPM_LIMIT.name(), rpm::doubleValue)
					.description(Families.DEPLOYMENT_RPM_LIMIT.help())
					.tags(Families.DEPLOYMENT_RPM_LIMIT.tags(labels))
					.register(registry);
			}
			Integer tpm = deployment.params().tpm();
			if (tpm != null) {
				Gauge.builder(Families.DEPLOYMENT_TPM_LIMIT.name(), tpm::doubleValue)
					.description(Families.DEPLOYMENT_TPM_LIMIT.help())
					.tags(Families.DEPLOYMENT_TPM_LIMIT.tags(labels))
					.register(registry);
			}
		}
	}

}
