package dev.llmgw.gateway.ui;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.llmgw.gateway.auth.OpenPath;
import dev.llmgw.gateway.auth.SessionAuthenticator;
import dev.llmgw.gateway.auth.VirtualKeyAuthenticator;
import dev.llmgw.gateway.auth.ProxyRoutes;
import dev.llmgw.gateway.config.GatewayConfig;
import dev.llmgw.gateway.redis.Broadcast;
import dev.llmgw.gateway.admin.store.UserStore;
import dev.llmgw.gateway.admin.users.UserRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin UI's routes: {@code /login}, the pages under {@code /ui} and their assets.
 * Off with {@code DISABLE_ADMIN_UI=true} (every UI path then answers 404) and without a
 * master key.
 */
@Configuration(proxyBeanMethods = false)
public class UiConfiguration {

	private static final Logger log = LoggerFactory.getLogger(UiConfiguration.class);

	/**
	 * UI pages in flight per instance: each holds at most three of the database pool's
	 * connections at once (ten by default), so the calls keep at least four.
	 */
	private static final int PAGES_IN_FLIGHT = 2;

	/** The assets, read once from the jar: name to content type. */
	private static final Map<String, String> ASSETS = Map.of("ui.css", "text/css", "ui.js", "text/javascript",
			"playground.js", "text/javascript");

	@Bean
	UiSettings uiSettings(GatewayConfig config) {
		return UiSettings.from(config.environment(), config.masterKey());
	}

	@Bean
	UiRevocations uiRevocations(UiSettings settings, Broadcast broadcast) {
		return new UiRevocations(settings.sessionLifetime(), broadcast);
	}

	@Bean
	SessionAuthenticator uiSessions(UiSettings settings, VirtualKeyAuthenticator keys, Clock clock, UserStore users,
			UiRevocations revocations) {
		return new UiSessions(settings, keys, clock, users, revocations);
	}

	@Bean
	OpenPath uiOpenPaths(UiSettings settings) {
		return (path) -> settings.enabled()
				&& (path.equals(UiPaths.LOGIN) || path.startsWith(UiPaths.ASSETS) || path.startsWith(UiPaths.SSO));
	}

	@Bean
	UiRoutes uiRoutes(UiSettings settings, VirtualKeyAuthenticator keys, Clock clock, JsonMapper mapper,
			ObjectProvider<RouterFunction<?>> routers, GatewayConfig config, UserStore userStore, UserRules userRules,
			UiRevocations revocations) {
		if (!settings.enabled()) {
			log.info("Admin UI: off (DISABLE_ADMIN_UI, or no master key)");
			return new UiRoutes(
					RouterFunctions.route((request) -> false, (request) -> ServerResponse.notFound().build()));
		}
		log.info("Admin UI: /ui, log in at /login");
		Supplier<RouterFunction<?>> api = memoized(() -> routers.orderedStream()
			.filter((router) -> !(router instanceof UiRoutes))
			.reduce(RouterFunction::andOther)
			.orElseThrow());
		AdminCalls calls = new AdminCalls(api, mapper, ProxyRoutes.of(config.generalSettings()));
		OidcSettings oidc = OidcSettings.from(config.environment(), config.litellmSettings().raw());
		LoginPage login = new LoginPage(settings, keys, clock, oidc != null, revocations);
		KeysPage keysPage = new KeysPage(calls, mapper);
		PlaygroundPage playground = new PlaygroundPage(calls);
		ModelsPage models = new ModelsPage(calls);
		UsagePage usage = new UsagePage(calls, clock);
		TeamsPage teams = new TeamsPage(calls);
		UsersPage users = new UsersPage(calls);
		LogsPage logs = new LogsPage(calls, mapper);
		SettingsPage settingsPage = new SettingsPage(calls, mapper);
		Map<String, byte[]> assets = assets();
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(UiPaths.LOGIN, login::show)
			.POST(UiPaths.LOGIN, login::submit)
			.POST(UiPaths.LOGOUT, login::logout)
			.GET(UiPaths.HOME, (request) -> UiResponses.seeOther(KeysPage.PATH))
			.GET(UiPaths.HOME + "/", (request) -> UiResponses.seeOther(KeysPage.PATH))
			.GET(KeysPage.PATH, keysPage::list)
			.GET(KeysPage.PATH + "/new", keysPage::newForm)
			.POST(KeysPage.PATH + "/new", keysPage::create)
			.GET(KeysPage.PATH + "/view", keysPage::view)
			.POST(KeysPage.PATH + "/update", keysPage::update)
			.POST(KeysPage.PATH + "/block", keysPage::block)
			.POST(KeysPage.PATH + "/unblock", keysPage::unblock)
			.POST(KeysPage.PATH + "/delete", keysPage::delete)
			.POST(KeysPage.PATH + "/regenerate", keysPage::regenerate)
			.GET(PlaygroundPage.PATH, playground::show)
			.GET(ModelsPage.PATH, models::list)
			.POST(ModelsPage.PATH + "/health", models::health)
			.POST(ModelsPage.PATH + "/new", models::create)
			.GET(ModelsPage.PATH + "/view", models::view)
			.POST(ModelsPage.PATH + "/update", models::update)
			.POST(ModelsPage.PATH + "/delete", models::delete)
			.GET(UsagePage.PATH, usage::show)
			.GET(TeamsPage.PATH, teams::list)
			.POST(TeamsPage.PATH + "/new", teams::create)
			.GET(TeamsPage.PATH + "/view", teams::view)
			.POST(TeamsPage.PATH + "/member/add", teams::addMember)
			.POST(TeamsPage.PATH + "/member/update", teams::updateMember)
			.POST(TeamsPage.PATH + "/member/delete", teams::deleteMember)
			.POST(TeamsPage.PATH + "/delete", teams::delete)
			.GET(UsersPage.PATH, users::list)
			.POST(UsersPage.PATH + "/new", users::create)
			.POST(UsersPage.PATH + "/delete", users::delete)
			.GET(LogsPage.PATH, logs::list)
			.GET(LogsPage.PATH + "/view", logs::view)
			.GET(SettingsPage.PATH, settingsPage::show)
			.GET(UiPaths.ASSETS + "{file}", (request) -> asset(assets, request.pathVariable("file")));
		if (oidc != null) {
			log.info("Admin UI: single sign-on with {}", oidc.issuer());
			SsoPages sso = new SsoPages(oidc, new OidcProvider(oidc, mapper, clock), settings, userStore, userRules,
					login, clock);
			routes.GET(SsoPages.LOGIN, sso::start).GET(SsoPages.CALLBACK, sso::callback);
		}
		// assets and the login page are cheap; pages share the database with the calls
		return new UiRoutes(routes.filter(pagesOnly(new UiLoad(PAGES_IN_FLIGHT))).build());
	}

	/**
	 * The load limit for reading pages (their queries are the heavy part), not for the
	 * assets, the login or forms: a form's write is one statement, and counting a form
	 * would let a signed-in user hold the places with bodies sent slowly.
	 */
	private static HandlerFilterFunction<ServerResponse, ServerResponse> pagesOnly(UiLoad load) {
		return (request,
				next) -> (UiPaths.isPage(request.path())
						&& org.springframework.http.HttpMethod.GET.equals(request.method()))
								? load.filter(request, next) : next.handle(request);
	}

	private static Mono<ServerResponse> asset(Map<String, byte[]> assets, String file) {
		byte[] bytes = assets.get(file);
		if (bytes == null) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok()
			.contentType(MediaType.parseMediaType(ASSETS.get(file) + ";charset=utf-8"))
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
			.header("X-Content-Type-Options", "nosniff")
			.bodyValue(bytes);
	}

	private static Map<String, byte[]> assets() {
		Map<String, byte[]> loaded = new java.util.HashMap<>();
		for (String name : ASSETS.keySet()) {
			try (InputStream in = UiConfiguration.class.getResourceAsStream("/ui/" + name)) {
				if (in == null) {
					throw new IllegalStateException("The UI asset " + name + " is missing from the jar");
				}
				loaded.put(name, in.readAllBytes());
			}
			catch (IOException ex) {
				throw new IllegalStateException("The UI asset " + name + " cannot be read", ex);
			}
		}
		return Map.copyOf(loaded);
	}

	private static <T> Supplier<T> memoized(Supplier<T> made) {
		return new Supplier<>() {

			private volatile Optional<T> value = Optional.empty();

			@Override
			public T get() {
				Optional<T> current = this.value;
				if (current.isEmpty()) {
					current = Optional.of(made.get());
					this.value = current;
				}
				return current.get();
			}

		};
	}

	/**
	 * The UI's routes under a type of their own, so the in-process admin calls can leave
	 * them out (a page must never be able to call a page).
	 */
	static final class UiRoutes implements RouterFunction<ServerResponse> {

		private final RouterFunction<ServerResponse> routes;

		UiRoutes(RouterFunction<ServerResponse> routes) {
			this.routes = routes;
		}

		@Override
		public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
			return this.routes.route(request);
		}

		/**
		 * Not visited: the pages are HTML for people, not API routes, so
		 * {@code /openapi.json} (built by visiting the routes) leaves them out, as
		 * LiteLLM's description leaves out its UI.
		 */
		@Override
		public void accept(RouterFunctions.Visitor visitor) {
		}

	}

}
