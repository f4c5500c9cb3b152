package dev.llmgw.gateway.providers.vertex;

/**
 * Who a Vertex AI deployment calls as, and where.
 *
 * @param project the Google Cloud project
 * @param location the region, or {@code global}
 * @param account the service account whose tokens authorise the calls
 */
record VertexTarget(String project, String location, ServiceAccount account) {

}
