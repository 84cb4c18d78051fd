package io.selfheal.fingerprint.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether a frame belongs to the application. By default everything is in-app except well-known runtime and
 * library namespaces; with explicit prefixes only frames whose module or file starts with one of them are in-app.
 */
public final class InAppRules {

    private static final List<String> JAVA_LIBRARY_PREFIXES = List.of(
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.", "scala.",
            "org.springframework.", "org.apache.", "com.fasterxml.", "io.netty.", "reactor.", "org.hibernate.",
            "com.zaxxer.", "org.postgresql.", "okhttp3.", "io.micrometer.", "org.junit.", "org.slf4j.",
            "ch.qos.logback.", "com.google.", "org.eclipse.", "org.jboss.", "io.undertow.", "io.grpc.",
            "com.mysql.", "org.mockito.", "net.bytebuddy.", "org.aspectj.", "org.glassfish.", "org.flywaydb.",
            "io.vertx.", "io.quarkus.", "io.smallrye.", "io.micronaut.", "io.helidon.", "io.javalin.", "io.dropwizard.",
            "io.lettuce.", "redis.clients.", "org.redisson.", "com.mongodb.", "org.mongodb.", "org.bson.",
            "software.amazon.", "com.amazonaws.", "com.azure.", "com.microsoft.", "io.opentelemetry.", "io.prometheus.",
            "feign.", "retrofit2.", "com.squareup.", "org.elasticsearch.", "co.elastic.", "com.github.benmanes.",
            "org.jooq.", "org.jdbi.", "org.mybatis.", "io.r2dbc.", "io.github.resilience4j.", "com.rabbitmq.",
            "org.quartz.", "com.hazelcast.", "org.infinispan.", "com.datastax.", "org.neo4j.", "io.temporal.",
            "io.reactivex.", "org.reactivestreams.", "akka.", "groovy.", "org.codehaus.", "org.yaml.", "org.json.",
            "io.jsonwebtoken.", "com.nimbusds.", "org.bouncycastle.", "io.ktor.", "graphql.", "org.thymeleaf.",
            "freemarker.", "liquibase.", "org.liquibase.", "org.testcontainers.", "io.swagger.", "com.netflix.");
    private static final List<String> DOTNET_LIBRARY_PREFIXES = List.of(
            "System.", "Microsoft.", "Mono.", "Npgsql.", "Newtonsoft.", "Serilog.", "NLog.", "Polly.", "Dapper.",
            "StackExchange.", "Grpc.", "AutoMapper.", "MediatR.", "FluentValidation.", "Hangfire.", "MassTransit.",
            "RabbitMQ.", "Confluent.", "Amazon.", "Azure.", "Google.", "Castle.", "Autofac.", "Quartz.",
            "Swashbuckle.", "Pomelo.", "MySqlConnector.", "MongoDB.", "Elasticsearch.", "Refit.", "RestSharp.");
    private static final Pattern PYTHON_LIBRARY_FILE = Pattern.compile(
            "(?:site-packages|dist-packages)[/\\\\]|[/\\\\]lib[/\\\\]python\\d[\\d.]*[/\\\\]|^<frozen |^<string>");
    private static final Pattern NODE_LIBRARY_FILE = Pattern.compile(
            "node_modules[/\\\\]|^node:|^internal[/\\\\]|^[^/\\\\]+\\.js$");
    /** GOROOT sources are {@code …/go/src/<stdlib package>/}: unlike GOPATH sources the package has no dot. */
    private static final Pattern GO_LIBRARY_FILE = Pattern.compile(
            "[/\\\\](?:go(?:-?[\\d.]+)?|libexec)[/\\\\]src[/\\\\][^/\\\\.]+[/\\\\]|[/\\\\]pkg[/\\\\]mod[/\\\\]");

    private final List<String> inAppPrefixes;

    private InAppRules(List<String> inAppPrefixes) {
        this.inAppPrefixes = List.copyOf(inAppPrefixes);
    }

    /** Everything is in-app except the well-known runtime and library namespaces of each platform. */
    public static InAppRules defaults() {
        return new InAppRules(List.of());
    }

    /** Only frames whose module or file starts with one of these prefixes are in-app. */
    public static InAppRules onlyPrefixes(List<String> prefixes) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one in-app prefix is required; use defaults() otherwise");
        }
        return new InAppRules(prefixes);
    }

    public boolean isInApp(Platform platform, String module, String file) {
        if (module == null && file == null) {
            return false;
        }
        if (!inAppPrefixes.isEmpty()) {
            return inAppPrefixes.stream().anyMatch(p -> startsWith(module, p) || startsWith(file, p));
        }
        return switch (platform) {
            case JAVA -> JAVA_LIBRARY_PREFIXES.stream().noneMatch(p -> startsWith(module, p));
            case DOTNET -> DOTNET_LIBRARY_PREFIXES.stream().noneMatch(p -> startsWith(module, p));
            case PYTHON -> file == null || !PYTHON_LIBRARY_FILE.matcher(file).find();
            case NODE -> file != null && !NODE_LIBRARY_FILE.matcher(file).find();
            case GO -> file != null ? !GO_LIBRARY_FILE.matcher(file).find() : !isGoStandardLibrary(module);
        };
    }

    /**
     * Without configured prefixes, the library lists cannot know every library: a Java or .NET trace may hold frames of
     * several namespaces none of them names. The application is then the organisation's namespace (see
     * {@link #namespaceRoot}) with the most of those frames — applications run through many of their own
     * frames, a library they call through a few of its own; a tie goes to the root reached first from the entry point,
     * the caller. Frames of the other roots are marked as library frames.
     */
    List<ExceptionInfo> withInferredApplication(Platform platform, List<ExceptionInfo> outermostFirst) {
        if (!inAppPrefixes.isEmpty() || (platform != Platform.JAVA && platform != Platform.DOTNET)) {
            return outermostFirst;
        }
        Map<String, Integer> framesByRoot = new HashMap<>();
        for (ExceptionInfo exception : outermostFirst) {
            for (StackFrame frame : exception.frames()) {
                if (frame.inApp()) {
                    framesByRoot.merge(namespaceRoot(platform, frame.module()), 1, Integer::sum);
                }
            }
        }
        if (framesByRoot.size() < 2) {
            return outermostFirst;
        }
        int most = Collections.max(framesByRoot.values());
        String app = null;
        for (int i = 0; i < outermostFirst.size() && app == null; i++) {
            List<StackFrame> entryFirst = new ArrayList<>(outermostFirst.get(i).frames());
            Collections.reverse(entryFirst);
            app = entryFirst.stream().filter(StackFrame::inApp).map(frame -> namespaceRoot(platform, frame.module()))
                    .filter(root -> framesByRoot.get(root) == most).findFirst().orElse(null);
        }
        String application = app;
        return outermostFirst.stream().map(exception -> new ExceptionInfo(exception.type(), exception.value(),
                exception.frames().stream().map(frame -> frame.inApp()
                        && !namespaceRoot(platform, frame.module()).equals(application)
                        ? new StackFrame(frame.module(), frame.function(), frame.file(), frame.line(), false)
                        : frame).toList())).toList();
    }

    /**
     * The organisation part of a type's name: Java packages start with a reversed domain ({@code com.acme.orders.Order}
     * → {@code com.acme}), .NET namespaces with the company ({@code Acme.Orders.Order} → {@code Acme}). A type
     * without namespace → "".
     */
    private static String namespaceRoot(Platform platform, String module) {
        int lastDot = module.lastIndexOf('.');
        if (lastDot < 0) {
            return "";
        }
        int firstDot = module.indexOf('.');
        int secondDot = module.indexOf('.', firstDot + 1);
        boolean twoParts = platform == Platform.JAVA && secondDot > 0 && secondDot <= lastDot;
        return module.substring(0, twoParts ? secondDot : firstDot);
    }

    /** Standard-library import paths have no dot in their first element; third-party ones start with a domain. */
    private static boolean isGoStandardLibrary(String module) {
        int slash = module.indexOf('/');
        String first = slash < 0 ? module : module.substring(0, slash);
        return !first.equals("main") && !first.contains(".");
    }

    private static boolean startsWith(String text, String prefix) {
        return text != null && text.startsWith(prefix);
    }
}
