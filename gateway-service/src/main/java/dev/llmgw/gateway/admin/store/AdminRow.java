package dev.llmgw.gateway.admin.store;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A typed row of one of the admin tables. */
public interface AdminRow {

	/** The row as its table's columns, in their order, for writing and for views. */
	Map<String, @Nullable Object> columns();

}
