package io.selfheal.observe.jolokia;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.Utils;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.plugin.JolokiaPlatformHttpPlugin;
import org.apache.camel.support.service.ServiceSupport;
import org.jolokia.json.JSONStructure;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.StaticConfiguration;
import org.jolokia.server.core.http.HttpRequestHandler;
import org.jolokia.server.core.request.EmptyResponseException;
import org.jolokia.server.core.service.JolokiaServiceManagerFactory;
import org.jolokia.server.core.service.api.JolokiaServiceManager;
import org.jolokia.server.core.service.api.LogHandler;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.NetworkUtil;
import org.jolokia.service.jmx.LocalRequestHandler;
import org.jolokia.service.serializer.JolokiaSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Jolokia on the management port ({@code /observe/jolokia}) with Selfheal's {@link JolokiaPolicy}. Camel's own plugin
 * can only load an XML policy, whose name patterns never match a request that itself names a pattern; bound in the
 * registry under {@value JolokiaPlatformHttpPlugin#NAME}, this one is used instead.
 */
public final class JolokiaPlugin extends ServiceSupport implements JolokiaPlatformHttpPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaPlugin.class);

    private final JolokiaServiceManager services;
    private CamelContext camelContext;
    private HttpRequestHandler requests;

    public JolokiaPlugin(Restrictor policy) {
        StaticConfiguration config = new StaticConfiguration(
                ConfigKey.AGENT_ID, NetworkUtil.getAgentId(hashCode(), "vertx"),
                ConfigKey.INCLUDE_STACKTRACE, "false");
        services = JolokiaServiceManagerFactory.createJolokiaServiceManager(config, new Log(), policy);
        services.addService(new JolokiaSerializer());
        services.addService(new LocalRequestHandler(1));
    }

    @Override
    protected void doStart() {
        requests = new HttpRequestHandler(services.start());
        LOG.info("Jolokia at the management port: read-only, Camel route dumps only (JolokiaPolicy)");
    }

    @Override
    protected void doStop() {
        services.stop();
    }

    @Override
    public Object getHandler() {
        return (Handler<RoutingContext>) this::handle;
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        JSONStructure answer;
        int status = 200;
        try {
            String origin = request.getHeader(HttpHeaders.ORIGIN) != null ? request.getHeader(HttpHeaders.ORIGIN)
                    : request.getHeader(HttpHeaders.REFERER);
            String client = request.remoteAddress() == null ? null : request.remoteAddress().host();
            requests.checkAccess(request.scheme(), client, client, origin == null ? "" : origin);
            Map<String, String[]> parameters = parameters(request);
            if (request.method() == HttpMethod.GET) {
                answer = requests.handleGetRequest(request.uri(), Utils.pathOffset(request.path(), ctx), parameters);
            } else {
                InputStream body = new ByteArrayInputStream(ctx.body() == null || ctx.body().buffer() == null
                        ? new byte[0] : ctx.body().buffer().getBytes());
                answer = requests.handlePostRequest(request.uri(), body, StandardCharsets.UTF_8.name(), parameters);
            }
        } catch (EmptyResponseException e) {
            ctx.response().end();
            return;
        } catch (Exception | LinkageError e) {
            status = 500;
            answer = requests.handleThrowable(e);
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(answer == null ? "" : answer.toJSONString());
    }

    private static Map<String, String[]> parameters(HttpServerRequest request) {
        Map<String, String[]> parameters = new HashMap<>();
        for (String name : request.params().names()) {
            parameters.put(name, request.params().getAll(name).toArray(new String[0]));
        }
        return parameters;
    }

    @Override
    public String getId() {
        return NAME;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    private static final class Log implements LogHandler {
        @Override
        public void debug(String message) {
            LOG.debug(message);
        }

        @Override
        public void info(String message) {
            LOG.info(message);
        }

        @Override
        public void error(String message, Throwable t) {
            LOG.error(message, t);
        }

        @Override
        public boolean isDebug() {
            return LOG.isDebugEnabled();
        }
    }
}
