package io.selfheal.ingest.parse;

/** Log output as real applications print it, shared by the assembler and parser tests. */
public final class LogSamples {

    private LogSamples() {
    }

    /** logback pattern {@code %d [%thread] %-5level %logger{36} - %msg%n%ex} with a Spring/Hibernate/Hikari chain. */
    public static final String LOGBACK_WITH_CAUSES = """
            2024-03-12 14:02:11,482 [http-nio-8080-exec-3] ERROR c.a.orders.OrderService - Failed to place order 8812 for customer 2231
            org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC Connection
            \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:277)
            \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.translateExceptionIfPossible(HibernateJpaDialect.java:233)
            \tat com.acme.orders.OrderService.placeOrder(OrderService.java:87)
            \tat com.acme.orders.OrderController.create(OrderController.java:41)
            Caused by: org.hibernate.exception.JDBCConnectionException: Unable to acquire JDBC Connection
            \tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:98)
            \tat org.hibernate.engine.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:113)
            \t... 42 more
            Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.
            \tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)
            \tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)
            \tSuppressed: java.net.SocketTimeoutException: Connect timed out
            \t\tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:546)
            \t\t... 3 more
            \t... 48 common frames omitted""";

    /** Spring Boot 3 default console format, single line. */
    public static final String SPRING_BOOT_LINE = "2024-03-12T14:02:11.482+01:00  WARN 48213 --- [orders] [nio-8080-exec-3]"
            + " o.s.w.s.m.s.DefaultHandlerExceptionResolver : Resolved"
            + " [org.springframework.web.HttpRequestMethodNotSupportedException: Request method 'PUT' is not supported]";

    /** A JVM's uncaught exception on stderr: no log line in front of the trace. */
    public static final String UNCAUGHT_JAVA = """
            Exception in thread "scheduler-1" java.lang.IllegalStateException: Queue full (capacity 10000)
            \tat com.acme.billing.BatchQueue.put(BatchQueue.java:54)
            \tat com.acme.billing.InvoiceScheduler.run(InvoiceScheduler.java:31)
            \tat java.base/java.lang.Thread.run(Thread.java:1583)""";

    public static final String BARE_JAVA_TRACE = """
            java.lang.NullPointerException: Cannot invoke "com.acme.orders.Customer.getId()" because "customer" is null
            \tat com.acme.orders.OrderMapper.toDto(OrderMapper.java:19)
            \tat com.acme.orders.OrderController.get(OrderController.java:28)""";

    /** python logging {@code %(asctime)s - %(name)s - %(levelname)s - %(message)s} with logger.exception(). */
    public static final String PYTHON_LOGGED_CHAIN = """
            2024-03-12 14:02:11,482 - payments - ERROR - Charge failed for invoice 5531
            Traceback (most recent call last):
              File "/app/payments/gateway.py", line 88, in charge
                response = self._session.post(url, json=payload, timeout=5)
              File "/usr/local/lib/python3.11/site-packages/requests/sessions.py", line 637, in post
                return self.request("POST", url, data=data, json=json, **kwargs)
            requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded with url: /v1/charges

            During handling of the above exception, another exception occurred:

            Traceback (most recent call last):
              File "/app/payments/service.py", line 41, in settle
                self.gateway.charge(invoice)
              File "/app/payments/gateway.py", line 93, in charge
                raise PaymentGatewayError(f"gateway unreachable for {invoice.id}")
            payments.errors.PaymentGatewayError: gateway unreachable for 5531""";

    /** An uncaught Python exception with an explicit {@code raise … from exc} chain. */
    public static final String PYTHON_UNCAUGHT_CHAIN = """
            Traceback (most recent call last):
              File "/app/worker.py", line 12, in load_config
                return json.loads(raw)
                       ^^^^^^^^^^^^^^^
              File "/usr/local/lib/python3.12/json/__init__.py", line 346, in loads
                return _default_decoder.decode(s)
            json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)

            The above exception was the direct cause of the following exception:

            Traceback (most recent call last):
              File "/app/worker.py", line 30, in <module>
                main()
              File "/app/worker.py", line 14, in load_config
                raise ConfigError(f"cannot parse {path}") from exc
            worker.ConfigError: cannot parse /etc/worker/config.json""";

    /** console.error(err) of a pg connection error, with the property block Node prints after the frames. */
    public static final String NODE_LOGGED_ERROR = """
            2024-03-12T14:02:11.482Z ERROR [orders-api] Unhandled rejection in GET /orders/8812
            Error: connect ECONNREFUSED 10.0.3.17:5432
                at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
                at async OrderRepository.findById (/app/src/orders/repository.js:22:18)
                at async /app/src/orders/routes.js:14:19 {
              errno: -111,
              code: 'ECONNREFUSED',
              syscall: 'connect',
              address: '10.0.3.17',
              port: 5432
            }""";

    /** What node prints on stderr when a process dies of an unhandled error. */
    public static final String NODE_CRASH = """
            /app/src/orders/routes.js:31
                throw new TypeError(`order ${id} has no customer`);
                ^

            TypeError: order 8812 has no customer
                at toResponse (/app/src/orders/routes.js:31:11)
                at /app/src/orders/routes.js:15:12
                at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)

            Node.js v20.11.1""";

    public static final String NODE_CRASH_ERROR = """
            TypeError: order 8812 has no customer
                at toResponse (/app/src/orders/routes.js:31:11)
                at /app/src/orders/routes.js:15:12
                at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)""";

    /** A Go nil-pointer panic in an HTTP handler, with two goroutines dumped (GOTRACEBACK=all). */
    public static final String GO_PANIC = """
            panic: runtime error: invalid memory address or nil pointer dereference
            [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6c1d2e]

            goroutine 42 [running]:
            github.com/acme/inventory/internal/store.(*Store).Reserve(0x0, {0x8a6f40, 0xc0001a2000}, {0xc00012e0c0, 0x24}, 0x3)
            \t/src/internal/store/store.go:118 +0x2e
            github.com/acme/inventory/internal/api.(*Handler).reserve(0xc0000b4180, {0x8a5e28, 0xc0002be000}, 0xc0002a6100)
            \t/src/internal/api/handler.go:64 +0x1a5
            net/http.HandlerFunc.ServeHTTP(0xc0000a8040, {0x8a5e28, 0xc0002be000}, 0xc0002a6100)
            \t/usr/local/go/src/net/http/server.go:2166 +0x29
            created by net/http.(*Server).Serve in goroutine 1
            \t/usr/local/go/src/net/http/server.go:3285 +0x4b4

            goroutine 1 [IO wait]:
            internal/poll.runtime_pollWait(0x7f3a5c1e8e28, 0x72)
            \t/usr/local/go/src/runtime/netpoll.go:345 +0x85
            main.main()
            \t/src/cmd/inventory/main.go:57 +0x3c5
            exit status 2""";

    /** Serilog's default file format with a .NET inner exception. */
    public static final String DOTNET_INNER_EXCEPTION = """
            2024-03-12 14:02:11.482 +01:00 [ERR] Failed to generate invoice 77120 for tenant acme
            System.InvalidOperationException: Invoice template 'eu-vat' could not be rendered
             ---> System.IO.FileNotFoundException: Could not find file '/app/templates/eu-vat.liquid'.
               at Microsoft.Win32.SafeHandles.SafeFileHandle.Open(String fullPath, FileMode mode, FileAccess access, FileShare share, FileOptions options, Int64 preallocationSize)
               at System.IO.File.ReadAllTextAsync(String path, Encoding encoding, CancellationToken cancellationToken)
               at Billing.Templates.TemplateStore.LoadAsync(String name) in C:\\build\\src\\Billing\\Templates\\TemplateStore.cs:line 42
               --- End of inner exception stack trace ---
               at Billing.Templates.TemplateStore.LoadAsync(String name) in C:\\build\\src\\Billing\\Templates\\TemplateStore.cs:line 48
               at Billing.Api.InvoiceController.Generate(Int32 id) in C:\\build\\src\\Billing\\Api\\InvoiceController.cs:line 31
            --- End of stack trace from previous location ---
               at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.TaskOfIActionResultExecutor.Execute(ActionContext actionContext)""";

    public static final String LOGSTASH_JSON = "{\"@timestamp\":\"2024-03-12T14:02:11.482+01:00\",\"@version\":\"1\","
            + "\"message\":\"Payment declined for order 8812\",\"logger_name\":\"com.acme.orders.PaymentClient\","
            + "\"thread_name\":\"http-nio-8080-exec-7\",\"level\":\"ERROR\",\"level_value\":40000,"
            + "\"stack_trace\":\"com.acme.orders.PaymentException: card_declined\\n\\tat com.acme.orders.PaymentClient.charge(PaymentClient.java:64)\\n\","
            + "\"tags\":[\"payments\",\"checkout\"],\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
            + "\"service\":\"orders\",\"region\":\"eu-west-1\"}";

    /** One sample of every trace format, for tests that cut and mix them. */
    public static final java.util.List<String> TRACES = java.util.List.of(LOGBACK_WITH_CAUSES, UNCAUGHT_JAVA,
            BARE_JAVA_TRACE, PYTHON_LOGGED_CHAIN, PYTHON_UNCAUGHT_CHAIN, NODE_LOGGED_ERROR, NODE_CRASH, GO_PANIC,
            DOTNET_INNER_EXCEPTION, LOGSTASH_JSON, SPRING_BOOT_LINE);
}
