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
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IO;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Hawtio 4 for a running Selfheal in one command: {@code ./mvnw -Phawtio} (pom.xml) runs this class, which starts
 * hawtio-war in embedded Jetty on 127.0.0.1 and serves, at {@code /}, a page that presets the connection to the
 * service's Jolokia in the browser's localStorage, where Hawtio 4 keeps its connections, and opens Hawtio's Camel
 * routes on it. Hawtio's Jolokia calls go through this console ({@link JolokiaForwarder}), which adds the service's
 * read token ({@code SELFHEAL_API_READ_TOKEN}, else {@code SELFHEAL_API_OPERATOR_TOKEN}) when there is one. Hawtio's
 * code editor (the Source tab) would fetch Monaco from a CDN; this console serves Monaco itself.
 *
 * <p>Arguments: {@code <service URL, e.g. http://localhost:8080> <Hawtio port> <hawtio.war>}. Lives
 * with the tests because Jetty and the war are test-scoped: the service jar does not carry them.
 */
public final class HawtioConsole implements AutoCloseable {
    /** Where Hawtio's Jolokia calls go: this console's forwarder, not Hawtio's own proxy. */
    private static final String JOLOKIA_PATH = "/selfheal/jolokia";
    private static final String MONACO_PATH = "/monaco";
    private static final String MONACO_WEBJAR = "META-INF/resources/webjars/monaco-editor/";
    private static final String MONACO_LOADER = "vs/loader.js";
    private static final String MONACO_PRELOAD_FILE = "selfheal-preload.js";
    /**
     * Hawtio's editor loader (@monaco-editor/loader) fetches Monaco from a CDN unless {@code window.monaco} is set when
     * the editor first shows: load the copy this console serves before Hawtio starts.
     */
    private static final String MONACO_PRELOAD = """
            require.config({ paths: { vs: '%s/vs' } });
            require(['vs/editor/editor.main'], function (monaco) { window.monaco = monaco; });
            """.formatted(MONACO_PATH);

    private final Server jetty;
    private final Path unpacked;

    private HawtioConsole(Server jetty, Path unpacked) {
        this.jetty = jetty;
        this.unpacked = unpacked;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: HawtioConsole <service URL> <port> <hawtio.war>");
        }
        String token = System.getenv("SELFHEAL_API_READ_TOKEN");
        if (token == null || token.isBlank()) {
            token = System.getenv("SELFHEAL_API_OPERATOR_TOKEN");
        }
        HawtioConsole console = start(URI.create(args[0]), Integer.parseInt(args[1]), Path.of(args[2]), token);
        System.out.println("Hawtio for " + args[0] + (token == null || token.isBlank() ? "" : ", with its token")
                + ": open " + console.url() + " (Ctrl+C stops it)");
        console.jetty.join();
    }

    /**
     * Starts Hawtio on {@code port} (0: any free one) for the service at {@code service}, whose Jolokia it calls with
     * {@code token} (null or blank: none).
     */
    public static HawtioConsole start(URI service, int port, Path war, String token) throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException(war + " is missing: ./mvnw generate-test-resources copies it there");
        }
        // Local use only (Jetty listens on 127.0.0.1): Hawtio's own login is off, Jolokia's policy and the service's
        // tokens are what protect the service. Hawtio's proxy is not needed: its calls go through JolokiaForwarder.
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.disableProxy", "true");
        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ResourceFactory resources = ResourceFactory.of(jetty);
        Path unpacked = Files.createTempDirectory("selfheal-hawtio");
        WebAppContext hawtio = new WebAppContext();
        hawtio.setContextPath("/hawtio");
        hawtio.setWar(unpackWithMonaco(resources.newJarFileResource(war.toUri()), unpacked.resolve("war")).toString());
        hawtio.setTempDirectory(Files.createDirectory(unpacked.resolve("work")).toFile());
        Path preload = Files.createDirectory(unpacked.resolve("monaco"));
        Files.writeString(preload.resolve(MONACO_PRELOAD_FILE), MONACO_PRELOAD);
        ResourceHandler monaco = new ResourceHandler();
        monaco.setBaseResource(ResourceFactory.combine(resources.newResource(preload), monacoWebjar(resources)));
        monaco.setDirAllowed(false);
        ContextHandler forwarder = new ContextHandler(new JolokiaForwarder(service, token), JOLOKIA_PATH);
        forwarder.setAllowNullPathInContext(true); // Hawtio posts to the URL itself as well as to URL/
        jetty.setHandler(new ContextHandlerCollection(hawtio, forwarder, new ContextHandler(monaco, MONACO_PATH),
                new ContextHandler(new ConnectPage(connectPage(service)), "/")));
        jetty.start();
        return new HawtioConsole(jetty, unpacked);
    }

    /** Hawtio's files in {@code target}, its start page loading Monaco from this console first. */
    private static Path unpackWithMonaco(Resource war, Path target) throws IOException {
        war.copyTo(target);
        Path index = target.resolve("index.html");
        String html = Files.readString(index);
        if (!html.contains("</head>")) {
            throw new IllegalStateException("Hawtio's index.html has no </head>: cannot serve its code editor");
        }
        String scripts = "<script src=\"%s/%s\"></script><script src=\"%s/%s\"></script>"
                .formatted(MONACO_PATH, MONACO_LOADER, MONACO_PATH, MONACO_PRELOAD_FILE);
        Files.writeString(index, html.replace("</head>", scripts + "</head>"));
        return target;
    }

    /** Monaco's {@code min/} folder in the webjar (its jar has no directory entries to look it up by). */
    private static Resource monacoWebjar(ResourceFactory resources) throws IOException {
        String loader = MONACO_WEBJAR + monacoVersion() + "/min/" + MONACO_LOADER;
        Resource file = resources.newClassLoaderResource(loader);
        if (file == null) {
            throw new IllegalStateException(loader + " is not on the class path (org.webjars.npm:monaco-editor, pom.xml)");
        }
        String uri = file.getURI().toString();
        return resources.newResource(URI.create(uri.substring(0, uri.length() - MONACO_LOADER.length())));
    }

    private static String monacoVersion() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = HawtioConsole.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/monaco-editor/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars.npm:monaco-editor is not on the class path (pom.xml)");
            }
            pom.load(in);
        }
        return pom.getProperty("version");
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
                  scheme: %s, host: %s, port: %d, path: '/observe/jolokia', jolokiaUrl: location.origin + '%s'}}));
                location.replace('/hawtio/camel/routes?con=selfheal');
                </script>
                """.formatted(jsString(service.getScheme()), jsString(service.getHost()), port, JOLOKIA_PATH);
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
        IO.delete(unpacked);
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
