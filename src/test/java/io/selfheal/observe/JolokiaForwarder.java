package io.selfheal.observe;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.net.URI;
import java.util.Set;

/**
 * Hawtio's Jolokia calls, forwarded to the service's {@code /observe/jolokia} with the service's token, so Hawtio
 * connects to a token-protected service without a login and the token never reaches the browser. Only this console's
 * own pages may use it: a request naming another host (DNS rebinding) or coming from another origin (any web page the
 * operator visits) is refused, since the forwarder adds a token those could not send themselves.
 */
final class JolokiaForwarder extends ProxyHandler.Reverse {
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

    private final String authorization;

    /** @param token the service's read (or operator) token; null or blank: the service has none */
    JolokiaForwarder(URI service, String token) {
        super(request -> HttpURI.build(service.resolve("/observe/jolokia" + Request.getPathInContext(request)))
                .query(request.getHttpURI().getQuery()));
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!fromThisConsole(request)) {
            Response.writeError(request, response, callback, 403, "only this console's pages may use its Jolokia");
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static boolean fromThisConsole(Request request) {
        String host = Request.getServerName(request);
        if (!LOCAL_HOSTS.contains(host)) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        return origin == null || origin.equals("http://" + host + ":" + Request.getServerPort(request));
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
        super.copyRequestHeaders(clientToProxy, proxyToServer);
        proxyToServer.headers(headers -> {
            headers.remove(HttpHeader.COOKIE); // Hawtio's session cookie is nothing the service should see
            headers.remove(HttpHeader.AUTHORIZATION);
            if (authorization != null) {
                headers.put(HttpHeader.AUTHORIZATION, authorization);
            }
        });
    }
}
