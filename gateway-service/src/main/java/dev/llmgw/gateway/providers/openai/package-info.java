/**
 * The adapter for OpenAI and the OpenAI-compatible family (Groq, DeepSeek, xAI, Mistral,
 * vLLM, Ollama, ...), which differ only in data: see
 * {@link dev.llmgw.gateway.providers.ProviderCatalog}.
 */
@NullMarked
package dev.llmgw.gateway.providers.openai;

import org.jspecify.annotations.NullMarked;
