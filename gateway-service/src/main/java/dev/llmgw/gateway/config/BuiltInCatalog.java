package dev.llmgw.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The config the gateway starts with when it is given none: the original deployment's
 * catalog, its provider-agnostic base ({@code default-config-base.yaml}) joined with the
 * Amazon Bedrock models of the AWS region it runs in
 * ({@code default-config-<region>.yaml}), the same files deploy.sh builds config.yaml
 * from (repository {@code config/}, in the jar under {@code catalog/}).
 *
 * <p>
 * The base assumes what a deployment has: a Redis for the response cache and a log bucket
 * for the {@code s3} callback. A bare start has neither, so without {@code REDIS_HOST} or
 * {@code REDIS_URL} the cache is kept in memory, and without {@code LOG_BUCKET_NAME} the
 * {@code s3} callback is left out; each is said in a warning.
 */
final class BuiltInCatalog {

	static final String BASE = "default-config-base.yaml";

	private static final String LOCATION = "catalog/";

	private BuiltInCatalog() {
	}

	/**
	 * @param loader binds the joined config
	 * @param environment the process environment, for the region, Redis and log bucket
	 * @return base + the region's Bedrock models
	 */
	static GatewayConfig load(ConfigLoader loader, EnvironmentLookup environment) {
		String region = region(environment);
		List<String> files = new ArrayList<>(List.of(BASE));
		List<String> notes = new ArrayList<>();
		if (region == null) {
			notes.add("no AWS region (AWS_REGION or AWS_DEFAULT_REGION) is set: the catalog has no Bedrock models");
		}
		else if (read(regionFile(region)) == null) {
			notes.add("the catalog has no Bedrock models for region " + region);
		}
		else {
			files.add(regionFile(region));
		}
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("include", files);
		String source = "built-in catalog (" + String.join(" + ", files) + ")";
		Map<String, Object> joined = ConfigIncludes.resolve(root, (name) -> {
			String text = read(name);
			if (text == null) {
				throw new ConfigException(source + ": " + LOCATION + name + " is missing from the jar");
			}
			return text;
		}, source);
		forBareStart(joined, environment, notes);
		GatewayConfig config = loader.read(joined, source);
		List<String> warnings = new ArrayList<>(notes);
		warnings.addAll(config.warnings());
		return config.withWarnings(warnings);
	}

	static String regionFile(String region) {
		return "default-config-" + region + ".yaml";
	}

	private static @Nullable String region(EnvironmentLookup environment) {
		for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
			String value = environment.get(variable);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return null;
	}

	/**
	 * Keeps the base's Redis cache and s3 callback from stopping a start that has
	 * neither.
	 */
	@SuppressWarnings("unchecked")
	private static void forBareStart(Map<String, Object> joined, EnvironmentLookup environment, List<String> notes) {
		if (!(joined.get("litellm_settings") instanceof Map<?, ?> settings)) {
			return;
		}
		Map<String, Object> litellm = new LinkedHashMap<>((Map<String, Object>) settings);
		joined.put("litellm_settings", litellm);
		if (!set(environment, "REDIS_HOST") && !set(environment, "REDIS_URL")
				&& litellm.get("cache_params") instanceof Map<?, ?> params && "redis".equals(params.get("type"))) {
			Map<String, Object> local = new LinkedHashMap<>();
			local.put("type", "local");
			litellm.put("cache_params", local);
			notes.add("no Redis (REDIS_HOST or REDIS_URL) is set: the catalog's response cache is kept in memory");
		}
		if (!set(environment, "LOG_BUCKET_NAME")) {
			for (String list : List.of("success_callback", "failure_callback", "callbacks")) {
				if (litellm.get(list) instanceof List<?> names && names.contains("s3")) {
					List<Object> kept = new ArrayList<>(names);
					kept.remove("s3");
					litellm.put(list, kept);
					notes.add("no log bucket (LOG_BUCKET_NAME) is set: the catalog's s3 callback is left out of "
							+ "litellm_settings." + list);
				}
			}
		}
	}

	private static boolean set(EnvironmentLookup environment, String variable) {
		String value = environment.get(variable);
		return value != null && !value.isBlank();
	}

	private static @Nullable String read(String name) {
		// names come from this class or an AWS region variable; a region that could climb
		// out of
		// the catalog's folder is simply not in it
		if (name.contains("/") || name.contains("\\")) {
			return null;
		}
		try (InputStream in = BuiltInCatalog.class.getClassLoader().getResourceAsStream(LOCATION + name)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
