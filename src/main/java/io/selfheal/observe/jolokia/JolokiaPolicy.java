package io.selfheal.observe.jolokia;

import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.ObjectName;
import java.util.Set;

/**
 * What {@code /observe/jolokia} lets a client do, as an allow-list: read, list, search and version; no attribute is
 * ever written; the only operations are Camel's read-only dumps that Hawtio shows route diagrams and sources with,
 * invoked on one named MBean (a pattern such as {@code name="source-file*"} would run the operation on every match
 * and is refused whatever the operation). Attributes that carry the JVM's {@code -D} settings and arguments, where
 * secrets often live, are not readable.
 */
public final class JolokiaPolicy implements Restrictor {
    private static final Logger LOG = LoggerFactory.getLogger(JolokiaPolicy.class);
    private static final Set<RequestType> TYPES = Set.of(RequestType.READ, RequestType.LIST, RequestType.SEARCH,
            RequestType.VERSION, RequestType.EXEC);
    private static final String CAMEL_DOMAIN = "org.apache.camel";
    /** Read-only Camel operations: each returns a description of routes or their statistics and changes nothing. */
    private static final Set<String> CAMEL_DUMPS = Set.of(
            "dumpRoutesAsXml", "dumpRouteAsXml", "dumpRoutesAsYaml", "dumpRouteAsYaml",
            "dumpRoutesStatsAsXml", "dumpRouteStatsAsXml", "dumpStepStatsAsXml", "dumpStatsAsXml",
            "dumpRoutesStatsAsJSon", "dumpRouteStatsAsJSon", "dumpRestsAsXml", "dumpRoutesSourceLocationsAsXml",
            "dumpRouteSourceLocationsAsXml", "dumpProcessorStatsAsXml");
    /**
     * Hawtio 4 first asks its RBAC registry MBean for an optimised listing and shows nothing when that is refused;
     * Selfheal registers no such MBean, so the call answers "not found" and Hawtio falls back to a plain list.
     */
    private static final String HAWTIO_RBAC = "hawtio:type=security,name=RBACRegistry";
    private static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    /** Runtime attributes holding system properties and command-line arguments ({@code -Dselfheal.api.operator-token=...}). */
    private static final Set<String> RUNTIME_HIDDEN = Set.of("SystemProperties", "InputArguments");

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return TYPES.contains(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName mbean, String attribute) {
        boolean runtime = RUNTIME.apply(mbean) || mbean.isPattern() && mbean.apply(RUNTIME);
        return !runtime || attribute != null && !RUNTIME_HIDDEN.contains(attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName mbean, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName mbean, String operation) {
        if (mbean == null || operation == null || mbean.isPattern()) {
            return false;
        }
        int signature = operation.indexOf('(');
        String name = (signature < 0 ? operation : operation.substring(0, signature)).strip();
        boolean allowed = mbean.getCanonicalName().equals(name(HAWTIO_RBAC).getCanonicalName())
                ? name.equals("list")
                : mbean.getDomain().equals(CAMEL_DOMAIN) && CAMEL_DUMPS.contains(name);
        // Which operations a console asks for, and which it was refused, when this logger is at DEBUG
        LOG.debug("exec {} on {}: {}", operation, mbean, allowed ? "allowed" : "refused");
        return allowed;
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true; // who may connect at all is the HTTP gate's decision (read token)
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        return true; // nothing a foreign page could trigger here changes anything
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return false;
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
