package dev.llmgw.gateway.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.llmgw.gateway.api.MultipartUpload;
import dev.llmgw.gateway.auth.CallerIdentity;
import dev.llmgw.gateway.engine.CallKind;
import dev.llmgw.gateway.engine.CallPipeline;
import dev.llmgw.gateway.engine.Estimate;
import dev.llmgw.gateway.engine.ModelCall;
import dev.llmgw.gateway.error.BadRequestError;
import dev.llmgw.gateway.error.GatewayError;
import dev.llmgw.gateway.error.NotFoundError;
import dev.llmgw.gateway.error.UpstreamError;
import dev.llmgw.gateway.providers.ChatResult;
import dev.llmgw.gateway.providers.Deployment;
import dev.llmgw.gateway.providers.FilesCall;
import dev.llmgw.gateway.providers.MultipartForm;
import dev.llmgw.gateway.providers.ProviderRegistry;
import dev.llmgw.gateway.routing.ModelGroup;
import dev.llmgw.gateway.routing.ModelRegistry;
import dev.llmgw.gateway.web.CallContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code /v1/files} and {@code /v1/batches}. An upload names its model group in
 * {@code model} or LiteLLM's {@code target_model_names} (a form field or a query
 * parameter; without one, the first group with an OpenAI or Azure deployment that the key
 * may use), is admitted like a model call (access, limits, a spend-log row at no cost)
 * and goes to one deployment of that group; a batch goes to the deployment that holds its
 * input file. Reads, lists, downloads, cancels and deletes reach only the caller's own
 * objects (any for a proxy admin; admin viewers read); lists come from the gateway's
 * record, never from the provider's account, which other keys share.
 */
final class FilesHandler {

	private static final Logger LOG = LoggerFactory.getLogger(FilesHandler.class);

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	static final String FILE = "file";

	static final String BATCH = "batch";

	/** What a file's purpose may be: OpenAI's are lower-case words with underscores. */
	private static final Pattern PURPOSE = Pattern.compile("[a-z_]{1,64}");

	private final CallPipeline calls;

	private final ProviderRegistry providers;

	private final ModelRegistry models;

	private final ProviderObjects objects;

	private final JsonMapper mapper;

	FilesHandler(CallPipeline calls, ProviderRegistry providers, ModelRegistry models, ProviderObjects objects,
			JsonMapper mapper) {
		this.calls = calls;
		this.providers = providers;
		this.models = models;
		this.objects = objects;
		this.mapper = mapper;
	}

	// files

	Mono<ServerResponse> upload(ServerRequest request) {
		ServerWebExchange exchange = request.exchange();
		if (!MultipartUpload.isForm(request.headers().contentType().orElse(null))) {
			return Mono.error(new BadRequestError("Send the file as multipart/form-data, with 'file' and 'purpose'.",
					null, "file"));
		}
		CallerIdentity caller = CallerIdentity.orUnauthenticated(exchange);
		return MultipartUpload.withForm(request, (parts) -> Mono.defer(() -> {
			MultipartUpload file = MultipartUpload.of(parts, "file");
			List<Map.Entry<String, String>> fields = new ArrayList<>();
			Map<String, @Nullable Object> described = new LinkedHashMap<>();
			String model = null;
			for (Map.Entry<String, String> field : file.fields()) {
				if (field.getKey().equals("model") || field.getKey().equals("target_model_names")) {
					model = firstName(field.getValue());
					continue;
				}
				fields.add(field);
				described.putIfAbsent(field.getKey(), field.getValue());
			}
			if (!(described.get("purpose") instanceof String)) {
				throw new BadRequestError("Missing required parameter: 'purpose'.", null, "purpose");
			}
			String group = group((model != null) ? model : query(request), caller);
			described.put("filename", file.filename());
			ModelCall call = new ModelCall(CallKind.FILE, described, group, ModelCall.endUser(exchange, null), "/files",
					0, (deployment) -> Estimate.tokens(0, 0), described);
			String contentType = file.contentType();
			BatchLines lines = BATCH.equals(described.get("purpose")) ? batchLines(group) : null;
			// checked once admitted, so that a key without the group learns nothing of it
			return this.calls.admit(exchange, call)
				.flatMap((deployment) -> ((lines != null) ? lines.check(file.bytes()) : Mono.<Void>empty())
					.then(Mono.defer(() -> {
						Flux<byte[]> content = (lines != null) ? lines.rewrite(file.bytes(), deployment) : file.bytes();
						MultipartForm form = new MultipartForm();
						Flux<byte[]> body = form.body(fields, "file", file.filename(), contentType, content);
						return this.calls.files(exchange, new FilesCall(deployment, "POST", "/files",
								form.contentType(), body, CallContext.of(exchange).callId()));
					}))
					.flatMap((result) -> saved(result, FILE, caller, group, deployment, exchange)));
		}).flatMap(this::json));
	}

	Mono<ServerResponse> listFiles(ServerRequest request) {
		String purpose = request.queryParam("purpose").orElse(null);
		if (purpose != null && !PURPOSE.matcher(purpose).matches()) {
			throw new BadRequestError("Invalid 'purpose': expected a purpose such as batch, assistants or user_data.",
					null, "purpose");
		}
		return list(request, FILE, limit(request.queryParam("limit").orElse(null), 10_000, 10_000), purpose);
	}

	Mono<ServerResponse> getFile(ServerRequest request) {
		return refreshed(request, FILE, "GET", "/files/%s").flatMap(this::json);
	}

	Mono<ServerResponse> content(ServerRequest request) {
		String id = ObjectIds.check("file_id", request.pathVariable("id"));
		ServerWebExchange exchange = request.exchange();
		return owned(exchange, FILE, id, false).flatMap((row) -> {
			Deployment deployment = holder(row);
			DataBufferFactory buffers = exchange.getResponse().bufferFactory();
			Flux<DataBuffer> content = this.providers.forDeployment(deployment)
				.fileContent(new FilesCall(deployment, "GET", "/files/" + id + "/content", null, null,
						CallContext.of(exchange).callId()))
				.map(buffers::wrap);
			// relayed as it arrives, never held whole; nothing is committed before the
			// first bytes, so the provider's error (a 404) is still an error answer
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body((message, ignored) -> message.writeWith(content));
		});
	}

	Mono<ServerResponse> deleteFile(ServerRequest request) {
		String id = ObjectIds.check("file_id", request.pathVariable("id"));
		return owned(request.exchange(), FILE, id, true)
			.flatMap((row) -> provider(row, "DELETE", "/files/" + id, null, request.exchange())
				// gone upstream (expired, deleted there): forgotten here too, or it would
				// stay in the caller's list for good
				.onErrorResume(GatewayError.class,
						(error) -> (error.status() == 404) ? this.objects.delete(id).then(Mono.error(error))
								: Mono.error(error)))
			.flatMap((result) -> this.objects.delete(id).thenReturn(result))
			.flatMap((result) -> json(object(this.mapper, result.body())));
	}

	// batches

	Mono<ServerResponse> createBatch(ServerRequest request, Mono<Map<String, @Nullable Object>> bodies) {
		ServerWebExchange exchange = request.exchange();
		CallerIdentity caller = CallerIdentity.orUnauthenticated(exchange);
		return bodies.flatMap((body) -> {
			if (!(body.get("input_file_id") instanceof String fileId) || fileId.isEmpty()) {
				throw new BadRequestError("Missing required parameter: 'input_file_id'.", null, "input_file_id");
			}
			if (!(body.get("endpoint") instanceof String)) {
				throw new BadRequestError("Missing required parameter: 'endpoint'.", null, "endpoint");
			}
			// a batch is made from the caller's own file (any, for a proxy admin): an
			// admin viewer reads others' files but does not run them
			return owned(exchange, FILE, ObjectIds.check("input_file_id", fileId), true).flatMap((file) -> {
				String group = String.valueOf(file.get("model_group"));
				Deployment holder = holder(file);
				Map<String, @Nullable Object> sent = new LinkedHashMap<>(body);
				sent.keySet().remove("model");
				sent.keySet().remove("target_model_names");
				ModelCall call = new ModelCall(CallKind.BATCH, sent, group, ModelCall.endUser(exchange, null),
						"/batches", 0, (deployment) -> Estimate.tokens(0, 0), sent);
				byte[] json = this.mapper.writeValueAsBytes(sent);
				return this.calls.admit(exchange, call)
					.flatMap((admitted) -> this.calls.files(exchange,
							new FilesCall(holder, "POST", "/batches", "application/json", Flux.just(json),
									CallContext.of(exchange).callId())))
					.flatMap((result) -> saved(result, BATCH, caller, group, holder, exchange));
			});
		}).flatMap(this::json);
	}

	Mono<ServerResponse> listBatches(ServerRequest request) {
		return list(request, BATCH, limit(request.queryParam("limit").orElse(null), 20, 100), null);
	}

	Mono<ServerResponse> getBatch(ServerRequest request) {
		return refreshed(request, BATCH, "GET", "/batches/%s").flatMap(this::json);
	}

	Mono<ServerResponse> cancelBatch(ServerRequest request) {
		return refreshed(request, BATCH, "POST", "/batches/%s/cancel").flatMap(this::json);
	}

	/**
	 * An object the caller owns, asked of its provider again and recorded as it now is; a
	 * batch's output and error files become the caller's.
	 */
	private Mono<Map<String, @Nullable Object>> refreshed(ServerRequest request, String kind, String method,
			String path) {
		String id = ObjectIds.check(kind.equals(FILE) ? "file_id" : "batch_id", request.pathVariable("id"));
		ServerWebExchange exchange = request.exchange();
		boolean writes = !method.equals("GET");
		return owned(exchange, kind, id, writes)
			.flatMap((row) -> provider(row, method, path.formatted(id), null, exchange).flatMap((result) -> {
				Map<String, @Nullable Object> object = object(this.mapper, result.body());
				Mono<Void> outputs = Mono.empty();
				if (kind.equals(BATCH)) {
					for (String field : List.of("output_file_id", "error_file_id")) {
						if (object.get(field) instanceof String fileId && ObjectIds.fits(fileId)) {
							outputs = outputs.then(adopt(fileId, row));
						}
					}
				}
				return this.objects.update(id, object).then(outputs).thenReturn(object);
			}));
	}

	/** A batch's output file, recorded as its owner's unless it already is. */
	private Mono<Void> adopt(String fileId, Map<String, @Nullable Object> batch) {
		String owner = String.valueOf(batch.get("owner"));
		return this.objects.find(null, FILE, fileId)
			.hasElement()
			.flatMap((known) -> known ? Mono.empty()
					: this.objects
						.save(fileId, FILE, owner, String.valueOf(batch.get("model_group")),
								String.valueOf(batch.get("deployment_id")),
								Map.of("id", fileId, "object", "file", "purpose", "batch_output"))
						// two reads of a finished batch at once: the other one recorded
						// it
						.onErrorResume((error) -> this.objects.find(null, FILE, fileId)
							.hasElement()
							.flatMap((recorded) -> recorded ? Mono.<Void>empty() : Mono.error(error))));
	}

	/**
	 * A page of the caller's objects as OpenAI lists them: {@code limit}, {@code order}
	 * (desc, newest first, by default), {@code after} an id of the previous page, and
	 * {@code has_more}. A file's purpose is matched in the query, before the page is cut.
	 */
	private Mono<ServerResponse> list(ServerRequest request, String kind, int limit, @Nullable String purpose) {
		String order = request.queryParam("order").orElse("desc");
		if (!order.equals("asc") && !order.equals("desc")) {
			throw new BadRequestError("Invalid 'order': expected 'asc' or 'desc'.", null, "order");
		}
		String after = request.queryParam("after").map((id) -> ObjectIds.check("after", id)).orElse(null);
		CallerIdentity caller = CallerIdentity.orUnauthenticated(request.exchange());
		String owner = caller.canReadAll() ? null : caller.owner();
		Mono<Optional<Map<String, @Nullable Object>>> cursor = (after == null)
				? Mono.just(Optional
					.empty())
				: this.objects.find(owner, kind, after)
					.map(Optional::of)
					.switchIfEmpty(Mono
						.error(() -> new BadRequestError("Invalid 'after': no " + (kind.equals(FILE) ? "file" : "batch")
								+ " with id '" + after + "' to start after.", null, "after")));
		return cursor
			.flatMap((start) -> this.objects
				.page(owner, kind, purpose, order.equals("asc"), start.orElse(null), limit + 1)
				.<Map<?, ?>>map((row) -> (Map<?, ?>) row.get("object"))
				.collectList())
			.flatMap((found) -> {
				List<Map<?, ?>> data = (found.size() > limit) ? found.subList(0, limit) : found;
				Map<String, @Nullable Object> page = new LinkedHashMap<>();
				page.put("object", "list");
				page.put("data", data);
				page.put("first_id", data.isEmpty() ? null : data.get(0).get("id"));
				page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
				page.put("has_more", found.size() > limit);
				return json(page);
			});
	}

	private Mono<Map<String, @Nullable Object>> saved(ChatResult result, String kind, CallerIdentity caller,
			String group, Deployment deployment, ServerWebExchange exchange) {
		Map<String, @Nullable Object> object = object(this.mapper, result.body());
		if (!(object.get("id") instanceof String id) || !ObjectIds.fits(id)) {
			// made, perhaps, but with no id the gateway could record: no caller could
			// reach it
			throw new UpstreamError(502, "api_error", "litellm.APIError: the provider answered without a usable "
					+ "'id' for the " + kind + " it was asked to make", null);
		}
		return this.objects.save(id, kind, caller.owner(), group, deployment.id(), object)
			.thenReturn(object)
			.onErrorResume((failure) -> undone(id, kind, deployment, CallContext.of(exchange).callId())
				.then(Mono.error(failure)));
	}

	/**
	 * What the provider made for a caller the gateway could not record (its database
	 * refused the row): deleted (a file) or cancelled (a batch) at once, so that nothing
	 * runs or is kept, and billed, that no key can reach. Best effort: a failure here is
	 * logged and the caller gets the database's error either way.
	 */
	private Mono<Void> undone(String id, String kind, Deployment deployment, String callId) {
		FilesCall undo = kind.equals(FILE) ? new FilesCall(deployment, "DELETE", "/files/" + id, null, null, callId)
				: new FilesCall(deployment, "POST", "/batches/" + id + "/cancel", null, null, callId);
		return this.providers.forDeployment(deployment)
			.files(undo)
			.doOnError((failure) -> LOG.warn("{} {} was made at {} but could not be recorded, nor undone: {}", kind, id,
					deployment.modelName(), failure.toString()))
			.onErrorResume((failure) -> Mono.empty())
			.then();
	}

	/**
	 * A provider's answer, a JSON object; anything else (an HTML error page from a proxy,
	 * an array) is the provider's fault, a 502, not the gateway's 500.
	 */
	static Map<String, @Nullable Object> object(JsonMapper mapper, byte[] body) {
		Map<String, @Nullable Object> object;
		try {
			object = mapper.readValue(body, MAP);
		}
		catch (JacksonException ex) {
			object = null;
		}
		if (object == null) {
			throw new UpstreamError(502, "api_error",
					"litellm.APIError: the provider's Files or Batch API answered with something that is not a JSON "
							+ "object",
					null);
		}
		return object;
	}

	/** The caller's object of a kind, or a 404 as if it did not exist. */
	private Mono<Map<String, @Nullable Object>> owned(ServerWebExchange exchange, String kind, String id,
			boolean writes) {
		CallerIdentity caller = CallerIdentity.orUnauthenticated(exchange);
		boolean all = writes ? caller.isAdmin() : caller.canReadAll();
		return this.objects.find(all ? null : caller.owner(), kind, id)
			.switchIfEmpty(Mono.error(() -> new NotFoundError(
					(kind.equals(FILE) ? "File" : "Batch") + " with id '" + id + "' not found.", null, null)));
	}

	private Mono<ChatResult> provider(Map<String, @Nullable Object> row, String method, String path,
			@Nullable Flux<byte[]> body, ServerWebExchange exchange) {
		Deployment deployment = holder(row);
		return this.providers.forDeployment(deployment)
			.files(new FilesCall(deployment, method, path, null, body, CallContext.of(exchange).callId()));
	}

	/** The deployment that holds a recorded object, while the config still has it. */
	private Deployment holder(Map<String, @Nullable Object> row) {
		Deployment deployment = this.models.deployment(String.valueOf(row.get("deployment_id")));
		if (deployment == null) {
			throw new NotFoundError("The deployment that holds '" + row.get("object_id")
					+ "' is no longer configured (model group " + row.get("model_group") + ")", null, null);
		}
		return deployment;
	}

	/**
	 * The model group an upload goes to: the one named, else the first with an OpenAI or
	 * Azure deployment.
	 */
	/**
	 * The check of a batch file for a group: its lines may name the group or one of its
	 * deployments' model ids. For a group that does not exist, none (admission refuses
	 * the upload).
	 */
	private @Nullable BatchLines batchLines(String group) {
		ModelGroup found = this.models.find(group);
		if (found == null) {
			return null;
		}
		Set<String> own = new HashSet<>();
		found.deployments().forEach((deployment) -> own.add(deployment.providerModel()));
		return new BatchLines(this.mapper, group, own);
	}

	private String group(@Nullable String named, CallerIdentity caller) {
		if (named != null && !named.isBlank()) {
			return named;
		}
		String group = this.models.firstGroup((deployment) -> deployment.provider().name().equals("openai")
				|| deployment.provider().name().equals("azure"), caller.access()::allows);
		if (group == null) {
			throw new BadRequestError("Missing required parameter: 'model' (the model group whose account keeps the "
					+ "file; no OpenAI or Azure model is configured)", null, "model");
		}
		return group;
	}

	private static @Nullable String query(ServerRequest request) {
		return request.queryParam("model")
			.or(() -> request.queryParam("target_model_names"))
			.map(FilesHandler::firstName)
			.orElse(null);
	}

	private static String firstName(String names) {
		int comma = names.indexOf(',');
		return ((comma >= 0) ? names.substring(0, comma) : names).trim();
	}

	/** OpenAI's limits: files 1 to 10,000 (all by default), batches 1 to 100 (20). */
	private static int limit(@Nullable String limit, int fallback, int most) {
		if (limit == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= most) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new BadRequestError("Invalid 'limit': expected an integer from 1 to " + most + ".", null, "limit");
	}

	private Mono<ServerResponse> json(Object body) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(body));
	}

}
