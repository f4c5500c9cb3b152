package dev.llmgw.middleware.prompts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where managed prompts are fetched.
 *
 * @param bedrockAgentEndpoint Bedrock Agents' endpoint for GetPrompt
 * ({@code middleware.bedrock-agent-endpoint}: {@code AWS_ENDPOINT_URL_BEDROCK_AGENT},
 * else {@code AWS_ENDPOINT_URL}); blank for the prompt's region's endpoint
 */
@ConfigurationProperties("middleware")
public record PromptsProperties(@DefaultValue("") String bedrockAgentEndpoint) {

}
