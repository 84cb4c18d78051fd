package io.selfheal.observe;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Callback;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hawtio 4 for a running Selfheal in one command: {@code ./mvnw -Phawtio} (pom.xml) runs this class, which starts
 * hawtio-war in embedded Jetty on 127.0.0.1 and serves, at {@code /}, a page that presets the connection to the
 * service's {@code /observe/jolokia} in the browser's localStorage, where Hawtio 4 keeps its connections, and opens
 * Hawtio's Camel routes on it. When the service has tokens, Hawtio asks for the connection's login: any user name, the
 * operator (or read) token as password, sent as HTTP Basic and kept by Hawtio for the browser session only.
 *
 * <p>Arguments: {@code <service URL, e.g. http://localhost:8080> <Hawtio port> <hawtio.war>}. Lives
 * with the tests because Jetty and the war are test-scoped: the service jar does not carry them.
 */
public final class HawtioConsole implements AutoCloseable {
    private final Server jetty;

    private HawtioConsole(Server jetty) {
        this.jetty = jetty;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: HawtioConsole <service URL> <port> <hawtio.war>");
        }
        HawtioConsole console = start(URI.create(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.println("Hawtio for " + args[0] + ": open " + console.url() + " (Ctrl+C stops it)");
        console.jetty.join();
    }

    /** Starts Hawtio on {@code port} (0: any free one) for the service at {@code service}. */
    public static HawtioConsole start(URI service, int port, Path war) throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException(war + " is missing: ./mvnw generate-test-resources copies it there");
        }
        // Local use only (Jetty listens on 127.0.0.1): Hawtio's own login is off, Jolokia's policy and the service's
        // tokens are what protect the service; Hawtio's proxy may reach the service's host only.
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.proxyAllowlist", "localhost,127.0.0.1," + service.getHost());
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        WebAppContext hawtio = new WebAppContext();
        hawtio.setContextPath("/hawtio");
        hawtio.setWar(war.toAbsolutePath().toString());
        hawtio.setTempDirectory(Files.createTempDirectory("selfheal-hawtio").toFile());
        ContextHandler connect = new ContextHandler(new ConnectPage(connectPage(service)), "/");
        jetty.setHandler(new ContextHandlerCollection(hawtio, connect));
        jetty.start();
        return new HawtioConsole(jetty);
    }

    /** The page that presets Selfheal's connection and opens Hawtio's Camel routes on it. */
    public String url() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/";
    }

    private static String connectPage(URI service) {
        int port = service.getPort() > 0 ? service.getPort() : "https".equals(service.getScheme()) ? 443 : 80;
        return """
                <!doctype html><meta charset="utf-8"><title>Selfheal in Hawtio</title>
                <script>
                localStorage.setItem('connect.connections', JSON.stringify({selfheal: {id: 'selfheal', name: 'selfheal',
                  scheme: %s, host: %s, port: %d, path: '/observe/jolokia'}}));
                location.replace('/hawtio/camel/routes?con=selfheal');
                </script>
                """.formatted(jsString(service.getScheme()), jsString(service.getHost()), port);
    }

    /** A JavaScript string literal: only letters, digits and a few safe characters are kept as they are. */
    private static String jsString(String text) {
        StringBuilder literal = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
                literal.append(c);
            } else {
                literal.append(String.format("\\u%04x", (int) c));
            }
        }
        return literal.append('\'').toString();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    private static final class ConnectPage extends Handler.Abstract {
        private final String html;

        ConnectPage(String html) {
            this.html = html;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!"/".equals(Request.getPathInContext(request))) {
                return false;
            }
            response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
            response.getHeaders().put("Cache-Control", "no-store");
            Content.Sink.write(response, true, html, callback);
            return true;
        }
    }
}
