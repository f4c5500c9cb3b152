package dev.llmgw.cloud;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * For every {@code <NAME>_SECRET_ARN} variable (e.g.
 * {@code LITELLM_MASTER_KEY_SECRET_ARN}, {@code DATABASE_URL_SECRET_ARN},
 * {@code OPENAI_API_KEY_SECRET_ARN}), reads the secret from Secrets Manager and exposes
 * it as {@code <NAME>}, ahead of every other property source, so that application.yaml
 * placeholders and the gateway's {@code os.environ/NAME} config values see it. Runs once
 * before the context starts; any failure stops start-up naming the variable and the ARN.
 * Values are never logged.
 */
public class SecretsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The property source holding the secrets' values. */
	public static final String PROPERTY_SOURCE_NAME = "awsSecretsManager";

	private final Log log;

	public SecretsEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(SecretsEnvironmentPostProcessor.class);
	}

	/**
	 * The variables read from Secrets Manager in an environment, by name; empty when none
	 * were.
	 * @param environment the application's environment
	 * @return the values, for lookups that do not go through Spring's environment
	 */
	public static Map<String, String> secrets(Environment environment) {
		if (environment instanceof ConfigurableEnvironment configurable) {
			PropertySource<?> source = configurable.getPropertySources().get(PROPERTY_SOURCE_NAME);
			if (source instanceof MapPropertySource map) {
				Map<String, String> values = new LinkedHashMap<>();
				map.getSource().forEach((name, value) -> values.put(name, String.valueOf(value)));
				return values;
			}
		}
		return Map.of();
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		TreeSet<String> sources = new TreeSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.endsWith(SecretReference.SUFFIX) && name.length() > SecretReference.SUFFIX.length()) {
						sources.add(name);
					}
				}
			}
		}
		if (sources.isEmpty()) {
			// a local run makes no AWS client at all
			return;
		}
		Map<String, Object> values = new LinkedHashMap<>();
		try (SecretsManagerReader reader = new SecretsManagerReader()) {
			for (String source : sources) {
				String arn = environment.getProperty(source);
				if (arn == null || arn.isBlank()) {
					continue;
				}
				SecretReference reference = SecretReference.parse(source, arn);
				values.put(reference.variable(), reader.read(reference));
				this.log.info(reference.variable() + " read from Secrets Manager (" + reference.describe() + ")");
			}
		}
		if (!values.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, values));
		}
	}

	@Override
	public int getOrder() {
		// after config data, so that a _SECRET_ARN set in application.yaml or a profile
		// is seen too
		return Ordered.LOWEST_PRECEDENCE;
	}

}
