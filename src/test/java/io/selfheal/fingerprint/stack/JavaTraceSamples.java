package io.selfheal.fingerprint.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.fingerprint.ErrorType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Real Java traces: each sample is thrown by running code in this JVM and printed with {@code printStackTrace}.
 * The nested classes play the application; their frames are in-app because this package is not a library namespace.
 */
final class JavaTraceSamples {

    private static final String LOG_LINE = "2026-11-27 10:00:00.000 ERROR [worker-1] io.selfheal.demo.OrderJob - order failed\n";

    private JavaTraceSamples() {
    }

    static List<TraceSample> all() {
        int closedPort = closedPort();
        return List.of(
                sample("npe-stream-lambda#1", "java-npe-in-stream", ErrorType.NULL_REFERENCE,
                        capture(() -> OrderTotals.skuLengths(Arrays.asList("sku-1", null)))),
                sample("npe-stream-lambda#2", "java-npe-in-stream", ErrorType.NULL_REFERENCE,
                        capture(() -> OrderTotals.skuLengths(Arrays.asList(null, "sku-22", "sku-3")))),
                sample("same-bug-call-site#1", "java-insufficient-stock", ErrorType.UNKNOWN,
                        LOG_LINE + capture(() -> Inventory.reserve("sku-1", 3, 5))),
                sample("same-bug-call-site#2", "java-insufficient-stock", ErrorType.UNKNOWN,
                        capture(() -> Inventory.reserve("sku-22", 0, 1))),
                sample("dynamic-proxy#1", "java-proxy-stock", ErrorType.UNKNOWN,
                        capture(() -> StockServices.proxy(StockService.class).reserve("sku-1"))),
                sample("dynamic-proxy#2", "java-proxy-stock", ErrorType.UNKNOWN,
                        capture(() -> StockServices.proxy(StockService.class, Audited.class).reserve("sku-2"))),
                sample("reflection-invoke", "java-reflective-price", ErrorType.UNKNOWN,
                        capture(() -> Pricing.priceReflectively(-3))),
                sample("jdbc-connect-refused#1", "java-jdbc-refused", ErrorType.DATABASE,
                        LOG_LINE + capture(() -> OrderRepository.connect(closedPort))),
                sample("jdbc-connect-refused#2", "java-jdbc-refused", ErrorType.DATABASE,
                        capture(() -> OrderRepository.connect(closedPort))),
                sample("http-client-timeout", "java-http-timeout", ErrorType.NETWORK,
                        capture(PaymentClient::chargeSilentServer)),
                sample("jackson-parse", "java-jackson-eof", ErrorType.UNKNOWN,
                        capture(() -> PayloadReader.read("{\"sku\": "))),
                sample("stack-overflow#1", "java-recursion", ErrorType.RESOURCE,
                        capture(() -> CategoryTree.depth(0))),
                sample("stack-overflow#2", "java-recursion", ErrorType.RESOURCE,
                        capture(() -> CategoryTree.depth(1000))),
                sample("wrapper-around-npe", "java-processing-npe", ErrorType.NULL_REFERENCE,
                        capture(() -> OrderProcessor.process(false))),
                sample("wrapper-around-sql", "java-processing-sql", ErrorType.DATABASE,
                        capture(() -> OrderProcessor.process(true))));
    }

    private static TraceSample sample(String name, String group, ErrorType type, String trace) {
        return new TraceSample("java/" + name, group, type, null, trace);
    }

    static String capture(ThrowingAction action) {
        try {
            action.run();
        } catch (Throwable t) {
            StringWriter out = new StringWriter();
            t.printStackTrace(new PrintWriter(out));
            return out.toString();
        }
        throw new AssertionError("the sample did not throw");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws Exception;
    }

    static final class OrderTotals {
        static List<Integer> skuLengths(List<String> skus) {
            return skus.stream().map(sku -> sku.length()).toList();
        }
    }

    static final class Inventory {
        static void reserve(String sku, int available, int wanted) {
            if (wanted > available) {
                throw new IllegalStateException("insufficient stock for " + sku + ": " + available + " < " + wanted);
            }
        }
    }

    /** Package-private, so the JDK defines its proxy classes in this (in-app) package. */
    interface StockService {
        void reserve(String sku);
    }

    interface Audited {
    }

    static final class StockServices {
        static StockService proxy(Class<?>... interfaces) {
            return (StockService) Proxy.newProxyInstance(StockService.class.getClassLoader(), interfaces,
                    (proxy, method, args) -> {
                        throw new IllegalStateException("no stock for " + args[0]);
                    });
        }
    }

    static final class Pricing {
        static int price(int quantity) {
            if (quantity < 0) {
                throw new IllegalArgumentException("negative quantity: " + quantity);
            }
            return quantity * 100;
        }

        static void priceReflectively(int quantity) throws ReflectiveOperationException {
            Pricing.class.getDeclaredMethod("price", int.class).invoke(null, quantity);
        }
    }

    static final class OrderRepository {
        static void connect(int port) throws SQLException {
            DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/orders?connectTimeout=2", "orders", "secret")
                    .close();
        }
    }

    static final class PaymentClient {
        /** The server accepts the connection (the kernel does) but never answers. */
        static void chargeSilentServer() throws IOException, InterruptedException {
            try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/charge"))
                        .timeout(Duration.ofMillis(300))
                        .build();
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    static final class PayloadReader {
        static void read(String json) throws IOException {
            new ObjectMapper().readTree(json);
        }
    }

    static final class CategoryTree {
        static int depth(int level) {
            return depth(level + 1) + 1;
        }
    }

    static final class OrderProcessor {
        static void process(boolean databaseDown) {
            try {
                if (databaseDown) {
                    throw new SQLException("FATAL: terminating connection due to administrator command", "57P01");
                }
                Object customer = null;
                customer.hashCode();
            } catch (Exception e) {
                throw new OrderProcessingException("processing failed", e);
            }
        }
    }

    static final class OrderProcessingException extends RuntimeException {
        OrderProcessingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
