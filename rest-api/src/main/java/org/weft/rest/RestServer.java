package org.weft.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.health.Health;
import org.weft.health.HealthService;
import org.weft.net.cluster.ClusterNode;
import org.weft.net.cluster.ClusterView;
import org.weft.rest.dto.ErrorDto;
import org.weft.rest.events.EventHub;
import org.weft.rest.flows.StaticFlowRequests;
import org.weft.rest.flows.SwitchCalls;
import org.weft.rest.routes.CapacityRoutes;
import org.weft.rest.routes.ClusterRoutes;
import org.weft.rest.routes.FailoverRoutes;
import org.weft.rest.routes.FlowRoutes;
import org.weft.rest.routes.HealthRoutes;
import org.weft.rest.routes.NetworkRoutes;
import org.weft.rest.routes.PolicyRoutes;
import org.weft.rest.routes.SteeringRoutes;
import org.weft.rest.routes.SwitchRoutes;
import org.weft.rest.routes.WeightRoutes;
import org.weft.store.StoreException;

/**
 * The REST server: {@code /api/v1/...}, {@code /metrics}. Every POST/PUT/PATCH/DELETE needs {@code
 * Authorization: Bearer <token>} (reads too when so configured); every error is {@code
 * {"error","detail"}}. The web console is served at {@code /} (see docs/console.md).
 */
public final class RestServer implements AutoCloseable {

    /** Prefix of every API route. */
    public static final String BASE = "/api/v1";

    private static final Logger log = LoggerFactory.getLogger(RestServer.class);

    /** Where the web console's files are in the jar. */
    static final String CONSOLE = "/org/weft/rest/console";

    private static final Set<HandlerType> WRITES =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final Javalin app;
    private final String token;
    private final EventHub events;
    private final List<String> routes;

    private RestServer(Javalin app, String token, EventHub events, List<String> routes) {
        this.app = app;
        this.token = token;
        this.events = events;
        this.routes = routes;
    }

    /**
     * Binds the port and starts serving.
     *
     * @param env where {@code WEFT_API_TOKEN} is looked up: {@code System::getenv} in the
     *     controller, a map (or {@code name -> null}) in tests, so the caller's environment cannot
     *     change their outcome
     */
    public static RestServer start(
            RestConfig config, RestServices services, UnaryOperator<String> env)
            throws IOException {
        return start(config, services, null, env);
    }

    /**
     * As {@link #start(RestConfig, RestServices, UnaryOperator)}, with the cluster's view for
     * {@code /cluster}; null answers it with a one-node view of this instance.
     */
    public static RestServer start(
            RestConfig config,
            RestServices services,
            Supplier<ClusterView> cluster,
            UnaryOperator<String> env)
            throws IOException {
        Supplier<ClusterView> clusterView =
                cluster != null
                        ? cluster
                        : () ->
                                new ClusterView(
                                        "local",
                                        false,
                                        List.of(
                                                new ClusterNode(
                                                        "local",
                                                        "",
                                                        true,
                                                        services.devices().getDevices().size())),
                                        "local",
                                        "NONE",
                                        services.devices().getDevices().stream()
                                                .collect(
                                                        Collectors.toMap(
                                                                d -> d.dpid().toString(),
                                                                d -> "local",
                                                                (a, b) -> a,
                                                                TreeMap::new)));
        String token = ApiTokens.resolve(config, env);
        ObjectMapper mapper = Json.strictMapper();
        byte[] openApi = openApi();
        services.metrics().watchDevices(services.devices());
        SwitchCalls calls = new SwitchCalls(config.switchCallTimeout(), config.maxSwitchCalls());
        StaticFlowRequests staticFlows = new StaticFlowRequests(services.staticFlows(), calls);
        if (services.reconciler() != null) {
            services.metrics().watchReconciler(services.reconciler());
        }
        HealthService health =
                services.health() != null
                        ? services.health()
                        : () ->
                                new Health(
                                        List.of(),
                                        services.devices().getDevices().size(),
                                        List.of(),
                                        0,
                                        List.of());
        RestServices.Network network = services.network();
        if (network != null) {
            services.metrics().watchNetwork(network.links(), network.hosts());
            if (network.topology() != null) {
                services.metrics().watchTopology(network.topology());
            }
            if (network.loads() != null) {
                services.metrics().watchLoads(network.links(), network.loads());
            }
        }
        if (services.routing() != null) {
            services.metrics().watchRouting(services.routing());
        }
        EventHub events = new EventHub(services.eventSources());
        services.metrics().watchEvents(events::dropped);
        List<String> routes = Collections.synchronizedList(new ArrayList<>());
        Javalin app =
                Javalin.create(
                        cfg -> {
                            configure(cfg, config, mapper, token, services, routes);
                            RoutesConfig r = cfg.routes;
                            new SwitchRoutes(
                                            services.devices(),
                                            services.stats(),
                                            calls,
                                            network == null ? null : network.loads(),
                                            services.policy() == null
                                                    ? null
                                                    : services.policy().pipelines())
                                    .register(r, BASE);
                            new FlowRoutes(
                                            services.devices(),
                                            services.stats(),
                                            staticFlows,
                                            calls,
                                            mapper)
                                    .register(r, BASE);
                            new NetworkRoutes(network, services.routing()).register(r, BASE);
                            new WeightRoutes(network, services.routing(), calls, mapper)
                                    .register(r, BASE);
                            new CapacityRoutes(network, mapper).register(r, BASE);
                            new SteeringRoutes(services.steering(), calls, mapper)
                                    .register(r, BASE);
                            new FailoverRoutes(services.failover()).register(r, BASE);
                            new PolicyRoutes(
                                            services.policy() == null
                                                    ? null
                                                    : services.policy().acls(),
                                            services.policy() == null
                                                    ? null
                                                    : services.policy().rateLimits(),
                                            calls,
                                            mapper)
                                    .register(r, BASE);
                            new ClusterRoutes(clusterView).register(r, BASE);
                            new HealthRoutes(
                                            health,
                                            services.staticFlows()::size,
                                            events::clientCount)
                                    .register(r, BASE);
                            r.get(
                                    BASE + "/openapi.json",
                                    ctx -> ctx.contentType("application/json").result(openApi));
                            SseHandler sse = new SseHandler(events::join);
                            r.get(BASE + "/events", ctx -> stream(ctx, sse));
                            r.get(
                                    "/metrics",
                                    ctx ->
                                            ctx.contentType(
                                                            "text/plain; version=0.0.4; charset=utf-8")
                                                    .result(services.metrics().scrape()));
                        });
        RestServer server = new RestServer(app, token, events, routes);
        try {
            app.start();
        } catch (RuntimeException e) {
            server.close();
            throw new IOException(
                    "REST server cannot listen on " + config.bindAddress() + ":" + config.port(),
                    e);
        }
        log.info(
                "REST API on {}://{}:{}{}",
                config.tlsKeyStore() == null ? "http" : "https",
                config.bindAddress(),
                app.port(),
                BASE);
        return server;
    }

    private static void configure(
            JavalinConfig cfg,
            RestConfig config,
            ObjectMapper mapper,
            String token,
            RestServices services,
            List<String> routes) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jsonMapper(new JavalinJackson(mapper, false));
        cfg.http.maxRequestSize = config.maxRequestBytes();
        // The web console: static files from the jar at /, its JavaScript library at /webjars.
        // Not routes: they need no token, so the page can load and ask for one.
        cfg.staticFiles.add(
                s -> {
                    s.hostedPath = "/";
                    s.directory = CONSOLE;
                    s.location = Location.CLASSPATH;
                });
        cfg.staticFiles.enableWebjars();
        cfg.jetty.host = config.bindAddress();
        cfg.jetty.port = config.port();
        if (config.tlsKeyStore() != null) {
            cfg.jetty.addConnector(
                    (server, http) -> {
                        SslContextFactory.Server ssl = new SslContextFactory.Server();
                        ssl.setKeyStorePath(config.tlsKeyStore().toString());
                        ssl.setKeyStorePassword(config.tlsKeyStorePassword());
                        ServerConnector c =
                                new ServerConnector(
                                        server,
                                        new SslConnectionFactory(ssl, "http/1.1"),
                                        new HttpConnectionFactory(http));
                        c.setHost(config.bindAddress());
                        c.setPort(config.port());
                        return c;
                    });
        }
        cfg.events.handlerAdded(
                h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                        routes.add(h.getHttpMethod().name() + " " + h.getPath());
                    }
                });
        cfg.requestLogger.http(
                (ctx, ms) ->
                        services.metrics()
                                .recordRequest(
                                        ctx.method().name(), routeOf(ctx), ctx.statusCode(), ms));
        RoutesConfig r = cfg.routes;
        r.beforeMatched(ctx -> authorize(ctx, token, config.requireTokenForReads()));
        r.exception(
                ApiException.class,
                (e, ctx) -> {
                    e.headers().forEach(ctx::header);
                    error(ctx, e.status(), e.error(), e.detail());
                });
        r.exception(
                StoreException.class,
                (e, ctx) -> {
                    log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    error(ctx, 503, "store unavailable", e.getMessage());
                });
        r.exception(
                HttpResponseException.class,
                (e, ctx) -> error(ctx, e.getStatus(), reason(e.getStatus()), e.getMessage()));
        r.exception(
                Exception.class,
                (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, 500, "internal error", e.toString());
                });
    }

    /** Javalin answers an empty 200 without this Accept header; say what is missing instead. */
    private static void stream(Context ctx, SseHandler sse) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiException(
                    406, "not acceptable", "the event stream needs Accept: text/event-stream");
        }
        sse.handle(ctx);
    }

    private static String routeOf(Context ctx) {
        var e = ctx.endpoints().matchedHttpEndpoint();
        return e == null ? "unmatched" : e.path;
    }

    private static void authorize(Context ctx, String token, boolean reads) {
        // Reads of the console's static files need no token: the page must load to ask for it.
        boolean needed =
                WRITES.contains(ctx.method())
                        || (reads
                                && !ctx.path().equals(BASE + "/health")
                                && !isConsole(ctx.path()));
        if (!needed) {
            return;
        }
        String h = ctx.header("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(
                    401, "unauthorized", "Authorization: Bearer <token> is required");
        }
        if (!ApiTokens.matches(token, h.substring("Bearer ".length()).strip())) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new ApiException(401, "unauthorized", "the bearer token is not valid");
        }
    }

    /** Whether a path is outside the API and the metrics, i.e. one of the console's files. */
    private static boolean isConsole(String path) {
        return !path.startsWith(BASE + "/") && !path.equals("/metrics");
    }

    private static void error(Context ctx, int status, String error, String detail) {
        ctx.status(status).json(new ErrorDto(error, detail));
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413 -> "payload too large";
            case 429 -> "too many requests";
            default -> "http " + status;
        };
    }

    private static byte[] openApi() throws IOException {
        try (InputStream in = RestServer.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IOException("openapi.json is missing from the rest-api jar");
            }
            return in.readAllBytes();
        }
    }

    /** The port actually bound (differs from the configuration when it asked for 0). */
    public int port() {
        return app.port();
    }

    /** The API token requests must carry. */
    public String token() {
        return token;
    }

    /** Every registered HTTP route as {@code "GET /api/v1/switches"}, for the OpenAPI check. */
    public List<String> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    @Override
    public void close() {
        events.close();
        app.stop();
        log.info("REST API stopped");
    }
}
