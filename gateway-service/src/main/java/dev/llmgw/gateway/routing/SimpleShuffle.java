package dev.llmgw.gateway.routing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.llmgw.gateway.providers.Deployment;

/**
 * LiteLLM's default {@code simple-shuffle}: a random pick weighted by {@code weight};
 * when no deployment has a weight, by {@code rpm}, else by {@code tpm}, else uniform.
 */
final class SimpleShuffle implements RoutingStrategy {

	@Override
	public Deployment pick(List<Deployment> candidates) {
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		long total = 0;
		Weighting weighting = Weighting.of(candidates);
		for (Deployment candidate : candidates) {
			total += weighting.weight(candidate);
		}
		if (total <= 0) {
			return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
		}
		long ticket = ThreadLocalRandom.current().nextLong(total);
		for (Deployment candidate : candidates) {
			ticket -= weighting.weight(candidate);
			if (ticket < 0) {
				return candidate;
			}
		}
		return candidates.get(candidates.size() - 1);
	}

	/** Which setting weighs the candidates, chosen once per pick. */
	private enum Weighting {

		WEIGHT, RPM, TPM, NONE;

		static Weighting of(List<Deployment> candidates) {
			boolean rpm = false;
			boolean tpm = false;
			for (Deployment candidate : candidates) {
				if (candidate.params().weight() != null) {
					return WEIGHT;
				}
				rpm |= candidate.params().rpm() != null;
				tpm |= candidate.params().tpm() != null;
			}
			return rpm ? RPM : tpm ? TPM : NONE;
		}

		long weight(Deployment deployment) {
			Integer value = switch (this) {
				case WEIGHT -> deployment.params().weight();
				case RPM -> deployment.params().rpm();
				case TPM -> deployment.params().tpm();
				case NONE -> 1;
			};
			return (value != null) ? Math.max(0, value) : 0;
		}

	}

}
