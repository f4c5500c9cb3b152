package dev.llmgw.gateway.admin.store;

import java.util.Map;

import dev.llmgw.gateway.storage.RowStore;
import reactor.core.publisher.Mono;

/** The api_keys table: virtual keys, by their hash. */
public final class KeyStore extends TableRows<KeyRow> {

	public KeyStore(RowStore rows) {
		super(rows, KeyRow.TABLE, KeyRow::from);
	}

	/** How many keys name the organization. */
	public Mono<Long> countOfOrganization(String organizationId) {
		return count(Map.of("organization_id", organizationId));
	}

}
