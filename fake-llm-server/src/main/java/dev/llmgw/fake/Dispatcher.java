package dev.llmgw.fake;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.llmgw.fake.aws.CloudWatchMetrics;
import dev.llmgw.fake.aws.S3Objects;
import dev.llmgw.fake.aws.Secrets;
import dev.llmgw.fake.aws.SecurityToken;
import dev.llmgw.fake.collectors.CollectorFaults;
import dev.llmgw.fake.collectors.CollectorTarget;
import dev.llmgw.fake.collectors.LangSmithRuns;
import dev.llmgw.fake.collectors.LangfuseIngestion;
import dev.llmgw.fake.collectors.Webhooks;
import dev.llmgw.fake.google.GoogleOAuth;
import dev.llmgw.fake.http.ProviderCall;
import dev.llmgw.fake.http.ProviderRoute;
import dev.llmgw.fake.oidc.OidcEndpoints;
import dev.llmgw.fake.oidc.OidcLogin;
import dev.llmgw.fake.prompts.PromptEndpoints;
import dev.llmgw.fake.openai.OpenAiErrors;
import dev.llmgw.fake.otlp.OtlpTraces;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Sends each request to a control endpoint or a provider route. Matching is by path
 * suffix rather than Reactor Netty's route templates, because providers put deployment
 * and model names anywhere in the path.
 */
final class Dispatcher implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private static final byte[] NO_BODY = new byte[0];

	private final List<ProviderRoute> routes;

	private final ApiKeyCheck apiKeys;

	private final RequestStats stats;

	private final ControlEndpoints control;

	private final Consumer<String> modelCounter;

	private final OidcEndpoints oidc = new OidcEndpoints();

	private final PromptEndpoints prompts = new PromptEndpoints();

	private final S3Objects s3 = new S3Objects();

	private final Secrets secrets = new Secrets();

	private final CloudWatchMetrics cloudWatch = new CloudWatchMetrics();

	private final OtlpTraces traces = new OtlpTraces();

	private final SecurityToken sts = new SecurityToken();

	private final LangfuseIngestion langfuse = new LangfuseIngestion();

	private final LangSmithRuns langSmith = new LangSmithRuns();

	private final Webhooks webhooks = new Webhooks();

	private final CollectorFaults faults = new CollectorFaults();

	private final GoogleOAuth google;

	Dispatcher(List<ProviderRoute> routes, ApiKeyCheck apiKeys, RequestStats stats, ControlEndpoints control,
			GoogleOAuth google) {
		this.routes = routes;
		this.apiKeys = apiKeys;
		this.stats = stats;
		this.control = control;
		this.google = google;
		this.modelCounter = stats::countModel;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		String path = path(request.uri());
		HttpMethod method = request.method();
		if (HttpMethod.POST.equals(method) && path.equals(OtlpTraces.PATH)) {
			return body(request).flatMap((body) -> this.traces.receive(body, response));
		}
		if (path.equals(OtlpTraces.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.traces.list(response);
		}
		if (path.equals(OtlpTraces.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.traces.reset();
			return response.status(204).send();
		}
		if (HttpMethod.POST.equals(method) && CloudWatchMetrics.isCloudWatchRequest(path, request.requestHeaders())) {
			this.stats.countPath("cloudwatch");
			return body(request).flatMap((body) -> this.cloudWatch.handle(path, body, response));
		}
		if (path.equals(CloudWatchMetrics.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.cloudWatch.list(response);
		}
		if (path.equals(CloudWatchMetrics.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.cloudWatch.reset();
			return response.status(204).send();
		}
		if (Secrets.isSecretsManagerRequest(request.requestHeaders()) && HttpMethod.POST.equals(method)) {
			return body(request).flatMap((body) -> this.secrets.handle(request.requestHeaders(), body, response));
		}
		if (SecurityToken.isStsRequest(request.requestHeaders()) && HttpMethod.POST.equals(method)) {
			this.stats.countPath("sts");
			return body(request).flatMap((body) -> this.sts.handle(body, response));
		}
		if (S3Objects.isS3Request(request.requestHeaders()) && HttpMethod.GET.equals(method)) {
			return this.s3.get(path, response);
		}
		if (S3Objects.isS3Request(request.requestHeaders()) && HttpMethod.PUT.equals(method)) {
			// one key for every object: by_path would otherwise grow with each log file
			this.stats.countPath("s3");
			this.stats.countAccessKey(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
			return collect(CollectorTarget.S3, request, response,
					(body) -> this.s3.putObject(path, request.requestHeaders(), body, response));
		}
		if (path.equals(S3Objects.UPLOADS_PATH) && HttpMethod.GET.equals(method)) {
			return this.s3.uploads(query(request.uri(), "prefix"), response);
		}
		if (path.equals(S3Objects.UPLOADS_PATH) && HttpMethod.DELETE.equals(method)) {
			this.s3.resetUploads();
			return response.status(204).send();
		}
		Publisher<Void> collector = collector(request, response, path, method);
		if (collector != null) {
			return collector;
		}
		if (path.startsWith(S3Objects.CONTROL_PREFIX) && HttpMethod.PUT.equals(method)) {
			return body(request).flatMap((body) -> this.s3.put(path, body, response));
		}
		if (path.equals(Secrets.CONTROL_PATH) && HttpMethod.POST.equals(method)) {
			return body(request).flatMap((body) -> this.secrets.store(body, response));
		}
		if (OidcEndpoints.isOidcPath(path) && path.endsWith("/v1/token") && HttpMethod.POST.equals(method)) {
			return body(request).flatMap((body) -> this.oidc.token(body, response));
		}
		if (OidcEndpoints.isOidcPath(path) && path.endsWith("/v1/authorize") && HttpMethod.GET.equals(method)) {
			String host = request.requestHeaders().get("Host", "127.0.0.1");
			return this.oidc.authorize(path, request.uri(), host, response);
		}
		if (OidcEndpoints.isOidcPath(path) && HttpMethod.GET.equals(method)) {
			String host = request.requestHeaders().get("Host", "127.0.0.1");
			return this.oidc.handle(path, host, response);
		}
		if (path.equals(OidcLogin.USER_PATH) && HttpMethod.POST.equals(method)) {
			return body(request).flatMap((body) -> this.oidc.login().setUser(body, response));
		}
		if (path.startsWith(OidcEndpoints.REQUESTS_PREFIX) && HttpMethod.GET.equals(method)) {
			return this.oidc.requests(path, response);
		}
		if (PromptEndpoints.isPromptPath(path) && HttpMethod.GET.equals(method)) {
			return this.prompts.get(path, response);
		}
		if (path.equals("/fake/prompts") && HttpMethod.POST.equals(method)) {
			return request.receive()
				.aggregate()
				.asByteArray()
				.defaultIfEmpty(NO_BODY)
				.flatMap((body) -> this.prompts.store(body, response));
		}
		if (path.equals("/fake/jwks") && HttpMethod.POST.equals(method)) {
			return request.receive()
				.aggregate()
				.asByteArray()
				.defaultIfEmpty(NO_BODY)
				.flatMap((body) -> this.oidc.setKeys(body, response));
		}
		if (path.startsWith(GoogleOAuth.CONTROL_PREFIX)) {
			return body(request).flatMap((body) -> this.google.control(method, path, body, response));
		}
		if (ControlEndpoints.isControlPath(path)) {
			return this.control.handle(method, path, response);
		}
		this.stats.countPath(path);
		this.stats.countAccessKey(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION));
		this.stats.countTraceparent(request.requestHeaders().get("traceparent"));
		ProviderRoute route = route(method, path);
		if (route == null) {
			return OpenAiErrors.notFound(response, method, path);
		}
		if (!route.checksOwnCredentials() && !this.apiKeys.accepts(request.requestHeaders(), request.uri())) {
			return route.unauthorized(response);
		}
		// the model a route names is counted, and held in flight until its answer ends
		AtomicReference<String> answering = new AtomicReference<>();
		Consumer<String> counter = (model) -> {
			this.modelCounter.accept(model);
			if (answering.compareAndSet(null, model)) {
				this.stats.enter(model);
			}
		};
		return request.receive()
			.aggregate()
			.asByteArray()
			.defaultIfEmpty(NO_BODY)
			.flatMap((body) -> route.handle(new ProviderCall(request, response, path, body, counter)))
			.doFinally((signal) -> {
				String model = answering.get();
				if (model != null) {
					this.stats.exit(model);
				}
			});
	}

	/**
	 * Langfuse, LangSmith, the generic webhook and their faults, or null when the request
	 * is for none of them.
	 */
	private @Nullable Publisher<Void> collector(HttpServerRequest request, HttpServerResponse response, String path,
			HttpMethod method) {
		if (HttpMethod.POST.equals(method) && path.equals(LangfuseIngestion.PATH)) {
			this.stats.countPath(path);
			return collect(CollectorTarget.LANGFUSE, request, response,
					(body) -> this.langfuse.ingest(request.requestHeaders(), body, response));
		}
		if (HttpMethod.POST.equals(method) && path.equals(LangSmithRuns.PATH)) {
			this.stats.countPath(path);
			return collect(CollectorTarget.LANGSMITH, request, response,
					(body) -> this.langSmith.ingest(request.requestHeaders(), body, response));
		}
		if (HttpMethod.POST.equals(method) && Webhooks.isWebhookPath(path)) {
			this.stats.countPath(path);
			return collect(CollectorTarget.WEBHOOK, request, response,
					(body) -> this.webhooks.receive(path, request.requestHeaders(), body, response));
		}
		if (path.equals(LangfuseIngestion.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.langfuse.list(response);
		}
		if (path.equals(LangfuseIngestion.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.langfuse.reset();
			return response.status(204).send();
		}
		if (path.equals(LangSmithRuns.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.langSmith.list(response);
		}
		if (path.equals(LangSmithRuns.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.langSmith.reset();
			return response.status(204).send();
		}
		if (path.equals(Webhooks.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.webhooks.list(response);
		}
		if (path.equals(Webhooks.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.webhooks.reset();
			return response.status(204).send();
		}
		if (path.equals(CollectorFaults.CONTROL_PATH) && HttpMethod.POST.equals(method)) {
			return body(request).flatMap((body) -> this.faults.configure(body, response));
		}
		if (path.equals(CollectorFaults.CONTROL_PATH) && HttpMethod.GET.equals(method)) {
			return this.faults.list(response);
		}
		if (path.equals(CollectorFaults.CONTROL_PATH) && HttpMethod.DELETE.equals(method)) {
			this.faults.clear();
			return response.status(204).send();
		}
		return null;
	}

	/**
	 * A log collector's upload, read whole before any fault answers it, so that a fault
	 * never races a client still sending.
	 */
	private Mono<Void> collect(CollectorTarget target, HttpServerRequest request, HttpServerResponse response,
			Function<byte[], Mono<Void>> upload) {
		return body(request).flatMap((body) -> this.faults.answer(target, response, () -> upload.apply(body)));
	}

	private static @Nullable String query(String uri, String name) {
		List<String> values = new QueryStringDecoder(uri).parameters().get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static Mono<byte[]> body(HttpServerRequest request) {
		return request.receive().aggregate().asByteArray().defaultIfEmpty(NO_BODY);
	}

	private @Nullable ProviderRoute route(HttpMethod method, String path) {
		for (ProviderRoute route : this.routes) {
			if (route.matches(method, path)) {
				return route;
			}
		}
		return null;
	}

	static String path(String uri) {
		int end = uri.indexOf('?');
		String path = (end < 0) ? uri : uri.substring(0, end);
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

}
