package io.selfheal.fingerprint.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StackGrouperTest {

    private final StackTraceParser parser = new StackTraceParser();
    private final StackGrouper grouper = new StackGrouper();

    @Test
    void sameBugFromDifferentCallSitesWithDifferentMessagesIsOneKey() {
        StackKey first = key(JavaTraceSamples.capture(() -> JavaTraceSamples.Inventory.reserve("sku-1", 3, 5)));
        StackKey second = key(JavaTraceSamples.capture(() -> JavaTraceSamples.Inventory.reserve("sku-9", 0, 12)));

        assertThat(first).isEqualTo(second);
        assertThat(first.hash()).matches("[0-9a-f]{16}");
        assertThat(first.rootExceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.signature()).doesNotContain("sku-").doesNotContain("JavaTraceSamples.java");
    }

    @Test
    void lineNumbersAndMessagesNeverTakePart() {
        String trace = JavaTraceSamples.capture(() -> JavaTraceSamples.OrderProcessor.process(true));
        String shifted = trace.replaceAll("\\.java:(\\d+)\\)", ".java:9$1)").replace("administrator command", "shutdown");

        assertThat(key(shifted)).isEqualTo(key(trace));
    }

    @Test
    void differentRootCausesBehindTheSameWrapperNeverMerge() {
        StackKey npe = key(JavaTraceSamples.capture(() -> JavaTraceSamples.OrderProcessor.process(false)));
        StackKey sql = key(JavaTraceSamples.capture(() -> JavaTraceSamples.OrderProcessor.process(true)));

        assertThat(npe.topExceptionType()).isEqualTo(sql.topExceptionType());
        assertThat(npe.rootExceptionType()).isEqualTo("java.lang.NullPointerException");
        assertThat(sql.rootExceptionType()).isEqualTo("java.sql.SQLException");
        assertThat(npe.hash()).isNotEqualTo(sql.hash());
    }

    @Test
    void generatedJavaClassNamesAreNormalized() {
        String first = generatedClassesTrace("a1b2c3", "0", "12_3", "Xk9Lq2", "7781", "41", "99", "5", "3");
        String second = generatedClassesTrace("ffee01", "1", "40_1", "Zz00pp", "12", "43", "7", "17", "8");

        StackKey key = key(first);
        assertThat(key(second)).isEqualTo(key);
        assertThat(key.signature()).endsWith("\n  com.acme.OrderService.lambda$place");
    }

    @Test
    void generatedFramesAreNeverTheCrashSite() {
        String throwInsideProxies = generatedClassesTrace("a1b2c3", "0", "12_3", "Xk9Lq2", "7781", "41", "99", "5", "3")
                .replace("\tat com.acme.OrderService.lambda$place$3(OrderService.java:40)\n", "")
                + "\tat com.acme.OrderController.create(OrderController.java:17)\n";

        assertThat(key(throwInsideProxies).signature()).endsWith("\n  com.acme.OrderController.create");
    }

    @Test
    void recursionCountsOnce() {
        StackKey shallow = key(JavaTraceSamples.capture(() -> JavaTraceSamples.CategoryTree.depth(0)));

        assertThat(shallow.signature().lines().filter(l -> l.contains("CategoryTree.depth"))).hasSize(1);
    }

    @Test
    void platformNoiseIsStripped() {
        assertThat(signature("node/undefined-b.txt")).isEqualTo(signature("node/undefined-a.txt"))
                .contains("users.js.getUser").doesNotContain("file:").doesNotContain("?v=");
        assertThat(signature("node/missing-module-b.txt")).contains("  main.js.loadPlugins").doesNotContain("9e8d7c6b");
        assertThat(signature("go/nil-pointer-b.txt")).isEqualTo(signature("go/nil-pointer-a.txt"))
                .doesNotContain("0x").doesNotContain("goroutine");
        assertThat(signature("dotnet/npgsql-b.txt")).isEqualTo(signature("dotnet/npgsql-a.txt"))
                .contains("Acme.Orders.OrderRepository.GetAsync").doesNotContain("d__").doesNotContain("line");
        assertThat(signature("python/db-connect-b.txt")).isEqualTo(signature("python/db-connect-a.txt"))
                .contains("repository.py.get_order");
    }

    @Test
    void withoutInAppFramesAllFramesCount() {
        StackKey key = key(TraceCorpus.read("node/econnrefused.txt"));

        assertThat(key.signature()).startsWith("node system").contains("TCPConnectWrap.afterConnect");
    }

    @Test
    void explicitInAppPrefixesDecideTheAppVariant() {
        String trace = TraceCorpus.read("dotnet/npgsql-a.txt");
        StackKey onlyRepository = new StackGrouper().key(new StackTraceParser(
                InAppRules.onlyPrefixes(List.of("Acme.Orders.OrderRepository"))).parse(trace).orElseThrow());

        assertThat(onlyRepository.signature()).contains("Acme.Orders.OrderRepository.GetAsync")
                .doesNotContain("OrderService").doesNotContain("Npgsql.Internal");
    }

    @Test
    void theSameCrashReachedThroughDifferentCallersIsOneKey() {
        String viaA = """
                java.lang.IllegalStateException: order 1 not found
                \tat com.acme.OrderLookup.find(OrderLookup.java:20)
                \tat com.acme.OrderApi.show(OrderApi.java:11)
                """;
        String viaB = """
                java.lang.IllegalStateException: order 2 not found
                \tat com.acme.OrderLookup.find(OrderLookup.java:20)
                \tat com.acme.OrderApi.edit(OrderApi.java:31)
                """;

        assertThat(key(viaA)).isEqualTo(key(viaB));
        assertThat(key(viaA).signature()).isEqualTo("java app\nroot java.lang.IllegalStateException\n  com.acme.OrderLookup.find");
    }

    @Test
    void framelessTracesFallBackToTheMaskedMessage() {
        StackKey first = key("panic: order 4711 has no lines\n\ngoroutine 1 [running]:\n");
        StackKey second = key("panic: order 17 has no lines\n\ngoroutine 1 [running]:\n");
        StackKey other = key("panic: cart 17 is empty\n\ngoroutine 1 [running]:\n");

        assertThat(first).isEqualTo(second);
        assertThat(first.signature()).contains("message order <int> has no lines");
        assertThat(other).isNotEqualTo(first);
    }

    private static String generatedClassesTrace(String cglib, String springCglib, String javassist, String byteBuddy,
                                                String mockito, String proxy, String hibernate, String accessor, String lambda) {
        return "java.lang.IllegalStateException: boom\n"
                + "\tat com.acme.OrderService.lambda$place$" + lambda + "(OrderService.java:40)\n"
                + "\tat com.acme.OrderService$$Lambda$" + lambda + "12/0x0000000800c0" + lambda + "000.apply(Unknown Source)\n"
                + "\tat com.acme.Customer$HibernateProxy$" + hibernate + ".getName(Unknown Source)\n"
                + "\tat com.acme.$Proxy" + proxy + ".send(Unknown Source)\n"
                + "\tat com.acme.Clock$MockitoMock$" + mockito + ".now(Unknown Source)\n"
                + "\tat com.acme.Client$ByteBuddy$" + byteBuddy + ".call(Unknown Source)\n"
                + "\tat com.acme.Order_$$_jvst" + javassist + ".getLines(Order_$$_jvst" + javassist + ".java)\n"
                + "\tat com.acme.rpc.GeneratedMethodAccessor" + accessor + ".invoke(Unknown Source)\n"
                + "\tat jdk.internal.reflect.GeneratedMethodAccessor" + accessor + ".invoke(Unknown Source)\n"
                + "\tat java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)\n"
                + "\tat java.base/java.lang.reflect.Method.invoke(Method.java:569)\n"
                + "\tat com.acme.OrderService$$SpringCGLIB$$" + springCglib + ".place(<generated>)\n"
                + "\tat com.acme.OrderService$$EnhancerBySpringCGLIB$$" + cglib + ".place(<generated>)\n";
    }

    private String signature(String resource) {
        return key(TraceCorpus.read(resource)).signature();
    }

    private StackKey key(String trace) {
        return grouper.key(parse(trace));
    }

    private ParsedStack parse(String trace) {
        return parser.parse(trace).orElseThrow(() -> new AssertionError("not parsed:\n" + trace));
    }
}
