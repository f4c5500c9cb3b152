/**
 * OpenAI's Files and Batch APIs ({@code /v1/files}, {@code /v1/batches}) for OpenAI and
 * Azure deployments, with ownership per key: each file and batch is made on the account
 * of one deployment (of the model group the request names), recorded with the key that
 * made it, and only that key (or a proxy admin) reads, lists, downloads, cancels or
 * deletes it. A batch's output and error files belong to the batch's owner.
 */
@NullMarked
package dev.llmgw.gateway.files;

import org.jspecify.annotations.NullMarked;
