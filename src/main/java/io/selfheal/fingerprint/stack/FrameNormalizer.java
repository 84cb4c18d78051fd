package io.selfheal.fingerprint.stack;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a frame into the text it contributes to a grouping key: module (or file basename where there is no module)
 * and function, never line or column, with the parts that change between builds, runs or hosts removed.
 */
final class FrameNormalizer {

    /** Reflection and method-handle plumbing: present or not depending on JIT inflation, never the bug. */
    private static final Pattern JAVA_INDIRECTION = Pattern.compile(
            "^(?:java\\.lang\\.reflect|jdk\\.internal\\.reflect|sun\\.reflect|java\\.lang\\.invoke)\\.");
    /** {@code lambda$placeOrder$3}: the counter shifts whenever a lambda is added to the class. */
    private static final Pattern JAVA_LAMBDA_FUNCTION = Pattern.compile("^(lambda\\$[\\w$]*?)\\$\\d+$");
    /** {@code OrderJob$2}: anonymous classes are numbered in source order, so adding one renumbers the others. */
    private static final Pattern JAVA_ANONYMOUS_CLASS = Pattern.compile("\\$\\d+(?=\\$|$)");
    /**
     * Classes a framework or the JVM generates around application code: they forward calls, they are never where a
     * bug is. Their names carry counters or hashes that change from run to run.
     */
    private static final Pattern JAVA_GENERATED_CLASS = Pattern.compile(
            "\\$\\$Lambda|\\$Proxy\\d|^jdk\\.proxy\\d|\\$\\$\\w*(?:CGLIB|Guice|EnhancerBy|FastClassBy)"
                    + "|\\$(?:ByteBuddy|MockitoMock|HibernateProxy)\\$|_\\$\\$_(?:jvst|javassist)|Generated\\w*Accessor\\d*$");

    private static final Pattern NODE_URL_NOISE = Pattern.compile("^(?:file://|webpack://[^/]*/)|[?#].*$");
    /** Content hashes bundlers put in file names, e.g. {@code main.3f2a1b9c.js} or {@code chunk-5e8c1a7b.js}. */
    private static final Pattern NODE_FILE_HASH = Pattern.compile("[.-][0-9a-f]{8,}(?=\\.[cm]?js$)");

    private static final Pattern GO_TYPE_PARAMETERS = Pattern.compile("\\[[^\\]]*\\]");
    /** Closures are numbered in source order: {@code Start.func2} becomes {@code Start.func3} when one is added. */
    private static final Pattern GO_CLOSURE_NUMBER = Pattern.compile("(\\.func)\\d+");
    /** Python functions without a name of their own: lambdas and comprehensions. */
    private static final Pattern PYTHON_ANONYMOUS = Pattern.compile("^<(?:lambda|listcomp|dictcomp|setcomp|genexpr)>$");

    /** Compiler-generated async state machines and closures: {@code <PlaceAsync>d__12}, {@code <>c__DisplayClass5_0}. */
    private static final Pattern DOTNET_GENERATED_TYPE = Pattern.compile("\\.<(?<method>[\\w]*)>(?:d__\\d+|c(?:__DisplayClass[\\d_]+)?)$");
    private static final Pattern DOTNET_GENERATED_FUNCTION = Pattern.compile("^<(?<method>\\w+)>[bg]__.*$");
    private static final Pattern DOTNET_GENERIC_NOISE = Pattern.compile("`\\d+|\\[[^\\]]*\\]");

    String normalize(Platform platform, StackFrame frame) {
        return switch (platform) {
            case JAVA -> java(frame);
            case DOTNET -> dotNet(frame);
            case GO -> join(frame.module(), GO_CLOSURE_NUMBER.matcher(
                    GO_TYPE_PARAMETERS.matcher(nullToEmpty(frame.function())).replaceAll("")).replaceAll("$1"));
            case PYTHON -> join(frame.module() != null ? frame.module() : basename(frame.file()), frame.function());
            case NODE -> node(frame);
        };
    }

    /** Whether the frame belongs to code generated around the application's (see {@link #JAVA_GENERATED_CLASS}). */
    boolean isGenerated(Platform platform, StackFrame frame) {
        return platform == Platform.JAVA && frame.module() != null
                && (JAVA_GENERATED_CLASS.matcher(frame.module()).find() || JAVA_INDIRECTION.matcher(frame.module()).find()
                || "<generated>".equals(frame.file()));
    }

    /** Whether the frame's function has no name of its own, so that the frame alone hardly says where it is. */
    boolean isAnonymous(Platform platform, StackFrame frame) {
        String function = frame.function();
        return switch (platform) {
            case NODE -> function == null || function.equals("<anonymous>") || function.endsWith(".<anonymous>");
            case PYTHON -> function != null && PYTHON_ANONYMOUS.matcher(function).matches();
            case JAVA, GO, DOTNET -> false;
        };
    }

    /** Generated frames are never normalized: {@link #isGenerated} keeps them out of every key. */
    private static String java(StackFrame frame) {
        String module = JAVA_ANONYMOUS_CLASS.matcher(frame.module()).replaceAll("\\$<anon>");
        String function = JAVA_LAMBDA_FUNCTION.matcher(nullToEmpty(frame.function())).replaceFirst("$1");
        return join(module, function);
    }

    private static String dotNet(StackFrame frame) {
        String module = frame.module();
        String function = nullToEmpty(frame.function());
        Matcher generatedType = DOTNET_GENERATED_TYPE.matcher(module);
        if (generatedType.find()) {
            module = module.substring(0, generatedType.start());
            if (!generatedType.group("method").isEmpty()) {
                function = generatedType.group("method");
            }
        }
        Matcher generatedFunction = DOTNET_GENERATED_FUNCTION.matcher(function);
        if (generatedFunction.matches()) {
            function = generatedFunction.group("method");
        }
        return join(DOTNET_GENERIC_NOISE.matcher(module).replaceAll(""),
                DOTNET_GENERIC_NOISE.matcher(function).replaceAll(""));
    }

    private static String node(StackFrame frame) {
        String file = frame.file() == null ? null : NODE_URL_NOISE.matcher(frame.file()).replaceAll("");
        String name = basename(file);
        String where = name == null ? null : NODE_FILE_HASH.matcher(name).replaceAll("");
        String function = frame.function();
        if (function != null && (function.equals("<anonymous>") || function.endsWith(".<anonymous>"))) {
            function = null;
        }
        return join(where, function);
    }

    private static String basename(String file) {
        if (file == null) {
            return null;
        }
        return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase(Locale.ROOT);
    }

    private static String join(String where, String function) {
        if (where == null || where.isEmpty()) {
            return nullToEmpty(function);
        }
        return function == null || function.isEmpty() ? where : where + "." + function;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
