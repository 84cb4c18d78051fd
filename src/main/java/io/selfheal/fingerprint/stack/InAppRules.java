package io.selfheal.fingerprint.stack;

import java.util.List;
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
            "com.mysql.", "org.mockito.", "net.bytebuddy.", "org.aspectj.", "org.glassfish.", "org.flywaydb.");
    private static final List<String> DOTNET_LIBRARY_PREFIXES = List.of(
            "System.", "Microsoft.", "Mono.", "Npgsql.", "Newtonsoft.", "Serilog.", "NLog.", "Polly.", "Dapper.",
            "StackExchange.", "Grpc.");
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
