package io.selfheal.fingerprint.stack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each failure class of over-splitting (the same bug reported through another path, wrapper, build or runtime artefact)
 * with its counter-case (a different bug that must stay apart). Traces are written as the runtimes print them.
 */
class CrashSiteGroupingTest {

    private final StackTraceParser parser = new StackTraceParser();
    private final StackGrouper grouper = new StackGrouper();

    private static final String NPE_IN_TOTAL = """
            java.lang.NullPointerException: Cannot invoke "Customer.tier()" because "customer" is null
            \tat com.acme.orders.OrderService.totalOf(OrderService.java:31)
            \tat com.acme.web.OrderController.get(OrderController.java:17)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
            """;

    @Test
    void otherCallerEntryPointMessageAndLinesAreTheSameBug() {
        String viaJob = """
                java.lang.NullPointerException: Cannot invoke "Customer.tier()" because "c" is null
                \tat com.acme.orders.OrderService.totalOf(OrderService.java:44)
                \tat com.acme.jobs.ReconcileJob.run(ReconcileJob.java:9)
                \tat java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                """;
        String otherNpe = NPE_IN_TOTAL.replace("OrderService.totalOf", "OrderService.discountOf");

        assertThat(id(viaJob)).isEqualTo(id(NPE_IN_TOTAL));
        assertThat(id(otherNpe)).as("two NPEs in two functions").isNotEqualTo(id(NPE_IN_TOTAL));
    }

    @Test
    void sameMessageThrownFromOtherCodeIsAnotherBug() {
        String orders = """
                java.lang.IllegalStateException: order not found: x-17
                \tat com.acme.orders.OrderService.load(OrderService.java:24)
                \tat com.acme.web.OrderController.get(OrderController.java:17)
                """;
        String returns = orders.replace("orders.OrderService.load(OrderService", "returns.ReturnService.load(ReturnService");

        assertThat(id(returns)).isNotEqualTo(id(orders));
    }

    @Test
    void wrappersCausesSuppressedBlocksAndElidedFramesAreSeenThrough() {
        String wrapped = """
                com.acme.messaging.FulfillmentException: fulfillment of order 17 failed after 3 attempts
                \tat com.acme.messaging.ListenerContainer.deliver(ListenerContainer.java:25)
                \tat com.acme.messaging.ListenerContainer.poll(ListenerContainer.java:12)
                \tSuppressed: java.lang.NullPointerException: attempt 1
                \t\tat com.acme.audit.Audit.write(Audit.java:3)
                Caused by: java.lang.RuntimeException: failed to process order 17
                \tat com.acme.messaging.OrderListener.onMessage(OrderListener.java:14)
                \tat com.acme.messaging.ListenerContainer.deliver(ListenerContainer.java:20)
                \t... 1 more
                Caused by: java.lang.NullPointerException: Cannot invoke "Customer.tier()" because "customer" is null
                \tat com.acme.orders.OrderService.totalOf(OrderService.java:31)
                \tat com.acme.messaging.OrderListener.onMessage(OrderListener.java:12)
                \t... 2 more
                """;
        String otherRoot = wrapped.replace("Caused by: java.lang.NullPointerException", "Caused by: java.lang.IllegalStateException");

        assertThat(id(wrapped)).isEqualTo(id(NPE_IN_TOTAL));
        assertThat(id(otherRoot)).as("another root-cause type behind the same wrappers").isNotEqualTo(id(wrapped));
    }

    @Test
    void elidedFramesOfACauseRaisedInALibraryGiveBackTheApplicationFrame() {
        String bare = """
                java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                \tat java.base/java.net.Socket.connect(Socket.java:633)
                \tat com.acme.clients.InventoryClient.ping(InventoryClient.java:15)
                \tat com.acme.web.HealthController.get(HealthController.java:8)
                """;
        // The wrapper is built in a library, so every application frame of the cause is in "... 4 more".
        String wrappedByLibrary = """
                org.springframework.web.client.ResourceAccessException: I/O error
                \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:915)
                \tat com.acme.clients.InventoryClient.ping(InventoryClient.java:15)
                \tat com.acme.jobs.StockJob.run(StockJob.java:22)
                \tat java.base/java.lang.Thread.run(Thread.java:840)
                Caused by: java.net.ConnectException: Connection refused
                \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                \tat java.base/java.net.Socket.connect(Socket.java:633)
                \tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:900)
                \t... 3 more
                """;
        String otherCaller = bare.replace("clients.InventoryClient.ping(InventoryClient", "clients.PaymentClient.open(PaymentClient");

        assertThat(id(wrappedByLibrary)).isEqualTo(id(bare));
        assertThat(key(bare).signature()).endsWith("\n  com.acme.clients.InventoryClient.ping");
        assertThat(id(otherCaller)).as("the same JDK failure called from other code").isNotEqualTo(id(bare));
    }

    @Test
    void reflectionProxiesClassLoadersAndGeneratedSubclassesAreNeverTheSite() {
        String cglibNative = """
                java.lang.IllegalStateException: gift card expired: GC-1x
                \tat com.acme.checkout.CheckoutService.applyGiftCard(CheckoutService.java:7)
                \tat com.acme.checkout.CheckoutService$$SpringCGLIB$$0.applyGiftCard(<generated>)
                \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
                \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke(NativeMethodAccessorImpl.java:77)
                \tat java.base/jdk.internal.reflect.DelegatingMethodAccessorImpl.invoke(DelegatingMethodAccessorImpl.java:43)
                \tat java.base/java.lang.reflect.Method.invoke(Method.java:569)
                \tat com.acme.web.Dispatcher.dispatch(Dispatcher.java:21)
                """;
        String byteBuddyGenerated = """
                java.lang.IllegalStateException: gift card expired: GC-7x
                \tat app-context-3//com.acme.checkout.CheckoutService.applyGiftCard(CheckoutService.java:9)
                \tat app-context-3//com.acme.checkout.CheckoutService$ByteBuddy$Zq81Lk$auxiliary$Ab12.call(Unknown Source)
                \tat app-context-3//com.acme.checkout.CheckoutService$ByteBuddy$Zq81Lk.applyGiftCard(Unknown Source)
                \tat jdk.proxy2/jdk.proxy2.$Proxy12.applyGiftCard(Unknown Source)
                \tat app-context-3//com.acme.checkout.$Proxy7.applyGiftCard(Unknown Source)
                \tat jdk.internal.reflect.GeneratedMethodAccessor31.invoke(Unknown Source)
                \tat java.base/java.lang.reflect.Method.invoke(Method.java:569)
                \tat app-context-3//com.acme.messaging.Listener.onMessage(Listener.java:30)
                """;
        String thrownByTheProxyHandler = """
                java.lang.IllegalStateException: gift card expired: GC-9x
                \tat com.acme.checkout.CheckoutService$HibernateProxy$Xy12.applyGiftCard(Unknown Source)
                \tat com.acme.web.Dispatcher.dispatch(Dispatcher.java:21)
                """;

        assertThat(id(byteBuddyGenerated)).isEqualTo(id(cglibNative));
        assertThat(key(cglibNative).signature()).endsWith("\n  com.acme.checkout.CheckoutService.applyGiftCard");
        assertThat(key(thrownByTheProxyHandler).signature()).endsWith("\n  com.acme.web.Dispatcher.dispatch");
    }

    @Test
    void lambdaStreamAndAnonymousClassNumberingIsIgnoredButTheEnclosingMethodCounts() {
        String buildA = """
                Exception in thread "worker-3" java.lang.NullPointerException
                \tat com.acme.cart.CartService.lambda$normalize$0(CartService.java:9)
                \tat java.base/java.util.stream.ReferencePipeline$3$1.accept(ReferencePipeline.java:197)
                \tat java.base/java.util.ArrayList$ArrayListSpliterator.forEachRemaining(ArrayList.java:1625)
                \tat com.acme.cart.CartService.normalize(CartService.java:9)
                \tat com.acme.cart.CartService$1.run(CartService.java:30)
                """;
        String buildB = """
                Exception in thread "pool-4-thread-1" java.lang.NullPointerException
                \tat com.acme.cart.CartService.lambda$normalize$2(CartService.java:11)
                \tat com.acme.cart.CartService$$Lambda$41/0x0000000800c4b000.apply(Unknown Source)
                \tat java.base/java.util.stream.ReferencePipeline$3$1.accept(ReferencePipeline.java:197)
                \tat java.base/java.util.Spliterators$ArraySpliterator.forEachRemaining(Spliterators.java:992)
                \tat java.base/java.util.stream.AbstractPipeline.copyInto(AbstractPipeline.java:509)
                \tat com.acme.cart.CartService.normalize(CartService.java:11)
                """;
        String otherLambda = buildA.replace("lambda$normalize$0", "lambda$merge$1");
        String anonymousA = "java.lang.IllegalStateException: lock held\n\tat com.acme.jobs.LockingJob$1.run(LockingJob.java:14)\n";
        String anonymousB = "java.lang.IllegalStateException: lock held\n\tat com.acme.jobs.LockingJob$2.run(LockingJob.java:19)\n";

        assertThat(id(buildB)).isEqualTo(id(buildA));
        assertThat(id(otherLambda)).as("a lambda of another method").isNotEqualTo(id(buildA));
        assertThat(id(anonymousB)).isEqualTo(id(anonymousA));
    }

    @Test
    void aLibraryNoRuleKnowsIsToldApartFromTheApplicationByTheTrace() {
        String payouts = """
                net.vendorpay.sdk.VendorException: rejected by issuer: code 51
                \tat net.vendorpay.sdk.VendorClient.validate(VendorClient.java:12)
                \tat net.vendorpay.sdk.VendorClient.submit(VendorClient.java:6)
                \tat com.acme.payments.Payouts.send(Payouts.java:9)
                \tat com.acme.app.Operations.run(Operations.java:141)
                \tat com.acme.web.Controller.post(Controller.java:20)
                """;
        String refunds = payouts.replace("payments.Payouts.send(Payouts", "payments.Refunds.issue(Refunds");

        assertThat(key(payouts).signature()).endsWith("\n  com.acme.payments.Payouts.send");
        assertThat(id(refunds)).as("the same SDK failure reached from other application code").isNotEqualTo(id(payouts));
        StackKey configured = new StackGrouper().key(new StackTraceParser(InAppRules.onlyPrefixes(List.of("net.vendorpay.")))
                .parse(payouts).orElseThrow());
        assertThat(configured.signature()).as("configured prefixes win").endsWith("\n  net.vendorpay.sdk.VendorClient.validate");
    }

    @Test
    void pythonRootCauseIsTheFirstTracebackWhateverHappenedWhileHandlingIt() {
        String direct = """
                Traceback (most recent call last):
                  File "/srv/app-1.2/shopfront/settings.py", line 10, in database_url
                    return os.environ["DATABASE_URL"]
                           ~~~~~~~~~~^^^^^^^^^^^^^^^^
                  File "<frozen os>", line 679, in __getitem__
                KeyError: 'DATABASE_URL'

                The above exception was the direct cause of the following exception:

                Traceback (most recent call last):
                  File "/srv/app-1.2/shopfront/web.py", line 14, in post
                    return settings.database_url()
                  File "/srv/app-1.2/shopfront/settings.py", line 12, in database_url
                    raise SettingsError("database is not configured") from e
                shopfront.errors.SettingsError: database is not configured
                """;
        String duringHandling = """
                Traceback (most recent call last):
                  File "/srv/app-1.3/shopfront/settings.py", line 12, in database_url
                    return os.environ["DATABASE_URL"]
                  File "<frozen os>", line 679, in __getitem__
                KeyError: 'DATABASE_URL'

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "/srv/app-1.3/shopfront/worker.py", line 30, in consume
                    raise RetriesExhausted("order " + n)
                TypeError: can only concatenate str (not "int") to str
                """;
        String otherFunction = direct.replace("line 10, in database_url", "line 10, in redis_url");

        assertThat(id(duringHandling)).isEqualTo(id(direct));
        assertThat(key(direct).signature()).endsWith("\n  settings.py.database_url");
        assertThat(id(otherFunction)).isNotEqualTo(id(direct));
    }

    @Test
    void pythonComprehensionsAndLambdasAreNamedByTheirFunction() {
        String normalize = """
                Traceback (most recent call last):
                  File "/srv/app/shopfront/cart.py", line 6, in normalize
                    return [sku.strip() for sku in skus]
                  File "/srv/app/shopfront/cart.py", line 6, in <listcomp>
                    return [sku.strip() for sku in skus]
                AttributeError: 'NoneType' object has no attribute 'strip'
                """;
        String other = normalize.replace("in normalize", "in dedupe");

        assertThat(key(normalize).signature()).endsWith("\n  cart.py.<listcomp>\n  cart.py.normalize");
        assertThat(id(other)).isNotEqualTo(id(normalize));
    }

    @Test
    void goPanicsGroupByThePanickingFunctionWhateverGoroutineOffsetOrReportingPath() {
        String crashed = """
                panic: runtime error: index out of range [5] with length 3

                goroutine 1 [running]:
                example.com/shop/shipping.ZoneRate(...)
                \t/build/shop/shipping/shipping.go:6
                example.com/shop/app.Run({0x7ffd5a1c29b7, 0x9}, 0x5)
                \t/build/shop/app/operations.go:40 +0x9c5
                main.main()
                \t/build/shop/main.go:24 +0xac
                """;
        String recoveredByNetHttp = """
                http: panic serving 127.0.0.1:41234: runtime error: index out of range [7] with length 3
                goroutine 34 [running]:
                net/http.(*conn).serve.func1()
                \t/usr/lib/go-1.19/src/net/http/server.go:1850 +0xbf
                panic({0x6a5b40, 0xc000018150})
                \t/usr/lib/go-1.19/src/runtime/panic.go:890 +0x262
                example.com/shop/shipping.ZoneRate(...)
                \t/build-2/shop/shipping/shipping.go:8
                main.orderHandler.ServeHTTP({{0x7ffd?, 0x0?}, 0x0?}, {0x758778?, 0xc00011c000}, 0x7fbb?)
                \t/build-2/shop/main.go:67 +0x2d
                net/http.serverHandler.ServeHTTP({0xc0000721b0?}, {0x758778, 0xc00011c000}, 0xc00007a300)
                \t/usr/lib/go-1.19/src/net/http/server.go:2947 +0x30c
                created by net/http.(*Server).Serve
                \t/usr/lib/go-1.19/src/net/http/server.go:3102 +0x4db
                """;
        String closures = "panic: boom\n\ngoroutine 7 [running]:\nmain.startWorkers.func1()\n\t/build/shop/main.go:43 +0x65\n";

        assertThat(id(recoveredByNetHttp)).isEqualTo(id(crashed));
        assertThat(key(crashed).signature()).isEqualTo(
                "go app\nroot runtime.Error\n  example.com/shop/shipping.ZoneRate");
        assertThat(id(closures.replace("func1", "func2"))).isEqualTo(id(closures));
        assertThat(key(crashed.replace("shipping.ZoneRate", "shipping.WeightRate")))
                .isNotEqualTo(id(crashed));
    }

    @Test
    void nodeErrorsGroupByTheFirstApplicationFrameThroughCausesAndInternals() {
        String bare = """
                TypeError: Cannot read properties of undefined (reading 'tier')
                    at OrderService.totalOf (/srv/shop-1.4.0/src/orders.js:14:21)
                    at Object.run (/srv/shop-1.4.0/src/operations.js:30:54)
                    at async get (/srv/shop-1.4.0/src/web.js:7:12)
                """;
        String wrapped = """
                FulfillmentError: order 17 failed after 2 attempts
                    at EventEmitter.onRecord (/srv/shop-1.4.1/src/worker.js:17:18)
                    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {
                  [cause]: TypeError: Cannot read properties of undefined (reading 'tier')
                      at OrderService.totalOf (/srv/shop-1.4.1/src/orders.js:16:23)
                      at Object.run (/srv/shop-1.4.1/src/operations.js:33:54)
                      at EventEmitter.onRecord (/srv/shop-1.4.1/src/worker.js:15:27)
                }
                """;
        String arrowA = """
                Error: empty sku
                    at /srv/shop/src/cart.js:11:13
                    at Array.forEach (<anonymous>)
                    at Object.validate (/srv/shop/src/cart.js:9:9)
                """;
        String arrowB = arrowA.replace("Object.validate", "Object.merge");

        assertThat(id(wrapped)).isEqualTo(id(bare));
        assertThat(key(bare).signature()).endsWith("\n  orders.js.OrderService.totalOf");
        assertThat(key(arrowA).signature()).endsWith("\n  cart.js\n  cart.js.Object.validate");
        assertThat(id(arrowB)).as("arrows of two functions of one file").isNotEqualTo(id(arrowA));
    }

    @Test
    void dotNetInnerExceptionIsTheRootCause() {
        String wrapped = """
                System.InvalidOperationException: Could not load order 4711
                 ---> System.NullReferenceException: Object reference not set to an instance of an object.
                   at Acme.Orders.OrderService.TotalOf(Customer customer) in /src/Acme.Orders/OrderService.cs:line 31
                   at Acme.Orders.OrderService.Place(Order order) in /src/Acme.Orders/OrderService.cs:line 12
                   --- End of inner exception stack trace ---
                   at Acme.Orders.OrderService.Place(Order order) in /src/Acme.Orders/OrderService.cs:line 14
                   at Acme.Web.OrdersController.Post(Order order) in /src/Acme.Web/OrdersController.cs:line 20
                """;
        String bare = """
                System.NullReferenceException: Object reference not set to an instance of an object.
                   at Acme.Orders.OrderService.TotalOf(Customer customer) in /src/Acme.Orders/OrderService.cs:line 35
                   at Acme.Jobs.Reconcile.Run() in /src/Acme.Jobs/Reconcile.cs:line 8
                """;

        assertThat(id(wrapped)).isEqualTo(id(bare));
        assertThat(id(bare.replace("OrderService.TotalOf", "OrderService.Discount"))).isNotEqualTo(id(bare));
    }

    private String id(String trace) {
        return key(trace).hash();
    }

    private StackKey key(String trace) {
        return grouper.key(parser.parse(trace).orElseThrow(() -> new AssertionError("not parsed:\n" + trace)));
    }
}
