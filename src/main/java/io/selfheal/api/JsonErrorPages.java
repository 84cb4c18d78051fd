package io.selfheal.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.util.Set;

/**
 * A request no route takes (an unknown path, or a method the path does not have) is answered with the API's JSON
 * error body and a 404, instead of Vert.x's HTML page, on every HTTP server of the context.
 */
public final class JsonErrorPages {
    private JsonErrorPages() {
    }

    public static void install(CamelContext camel) {
        try {
            addTo(camel);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot install the JSON error pages", e);
        }
    }

    private static void addTo(CamelContext camel) throws Exception {
        // Once fully started: the HTTP server's router exists only after its service started.
        camel.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                // nothing to do before the HTTP server is up
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
                routers.forEach(JsonErrorPages::addTo);
            }
        });
    }

    private static void addTo(VertxPlatformHttpRouter router) {
        // Camel's router is mounted under the server's own, whose error handlers it cannot reach: a last route that
        // matches what no other route took does the same.
        router.route().last().handler(ctx -> answer(ctx, 404, "not_found", "no such path or method: "
                + ctx.request().method() + " " + ctx.normalizedPath() + " (the API is described at /api/v1/openapi.json)"));
    }

    private static void answer(RoutingContext ctx, int status, String error, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }
}
