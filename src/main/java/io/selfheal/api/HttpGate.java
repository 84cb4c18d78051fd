package io.selfheal.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The one check every HTTP request passes before any route, Jolokia or file sees it: the {@link AccessLevel} of its
 * method and path, and the token that level needs ({@link ApiAuth}), taken from the {@code Authorization} header only.
 * A refused request gets {@code 401 {"error":"unauthorized"}}; the reason goes to the log. An accepted request
 * continues without its {@code Authorization} header, so no route, log line or echoed header ever holds a token.
 * Installed in the HTTP server's authentication chain, it is in place before the server accepts its first connection.
 */
public final class HttpGate implements AuthenticationHandler {
    static final String UNAUTHORIZED = "{\"error\":\"unauthorized\"}";
    private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);
    /** Query parameters become Camel headers and end up in access logs and browser history: never a credential. */
    private static final Set<String> QUERY_CREDENTIALS = Set.of("authorization", "access_token", "token", "api_key",
            "apikey", "password");

    private final ApiAuth auth;
    private volatile boolean installed;

    HttpGate(ApiAuth auth) {
        this.auth = auth;
    }

    /**
     * Puts the gate in front of every HTTP server Camel creates in this context; refuses to start a context whose
     * HTTP server came up without it.
     */
    public static void install(CamelContext camel, ApiAuth auth) {
        try {
            doInstall(camel, auth);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot install the HTTP gate", e);
        }
    }

    private static void doInstall(CamelContext camel, ApiAuth auth) throws Exception {
        HttpGate gate = new HttpGate(auth);
        camel.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onServiceAdd(CamelContext context, Service service, Route route) {
                gate.guard(service);
            }
        });
        camel.hasServices(MainHttpServer.class).forEach(gate::guard);
        camel.hasServices(ManagementHttpServer.class).forEach(gate::guard);
        camel.addStartupListener((context, alreadyStarted) -> {
            if (!gate.installed && !context.hasServices(VertxPlatformHttpServer.class).isEmpty()) {
                throw new IllegalStateException("The HTTP server started without Selfheal's HTTP gate");
            }
        });
    }

    private void guard(Object service) {
        if (service instanceof MainHttpServer server) {
            guard(server.getConfiguration());
            warnIfIngestIsOpen(server.getHost(), server.getPort());
        } else if (service instanceof ManagementHttpServer server) {
            guard(server.getConfiguration());
        }
    }

    private void guard(VertxPlatformHttpServerConfiguration configuration) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                installed = true;
                return HttpGate.this;
            }
        });
        configuration.getAuthenticationConfig().getEntries().add(entry);
        configuration.getAuthenticationConfig().setEnabled(true);
    }

    private void warnIfIngestIsOpen(String host, int port) {
        if (!auth.hasIngestToken() && !isLoopback(host)) {
            LOG.warn("Anyone who reaches {}:{} can push logs (POST /api/v1/logs, /loki/api/v1/push) and so open "
                            + "incidents: set selfheal.api.ingest-token (SELFHEAL_API_INGEST_TOKEN) or listen on 127.0.0.1 "
                            + "only (camel.server.host)", host == null ? "0.0.0.0" : host, port);
        }
    }

    /** Whether a bind address only accepts local connections (no host or a wildcard address accepts every one). */
    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host.strip());
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        AccessLevel level = AccessLevel.of(request.method().name(), path);
        if (level == AccessLevel.OPEN) {
            ctx.next();
            return;
        }
        if (request.params().names().stream().anyMatch(n -> QUERY_CREDENTIALS.contains(n.toLowerCase(Locale.ROOT)))) {
            refuse(ctx, path, "credentials in the query string are refused; send them in the Authorization header");
            return;
        }
        if (!auth.allows(level, request.getHeader(HttpHeaders.AUTHORIZATION))) {
            refuse(ctx, path, auth.refusal(level));
            return;
        }
        request.headers().remove(HttpHeaders.AUTHORIZATION);
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, String path, String reason) {
        LOG.info("401 for {} {} from {}: {}", ctx.request().method(), path,
                ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host(), reason);
        ctx.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Bearer realm=\"selfheal\"")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(UNAUTHORIZED);
    }
}
