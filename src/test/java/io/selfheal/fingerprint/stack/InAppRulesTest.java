package io.selfheal.fingerprint.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InAppRulesTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            JAVA,   com.acme.orders.OrderService,                 OrderService.java,                               true
            JAVA,   org.springframework.web.servlet.FrameworkServlet, FrameworkServlet.java,                      false
            JAVA,   com.zaxxer.hikari.pool.HikariPool,            HikariPool.java,                                 false
            JAVA,   jdk.proxy2.$Proxy12,                          -,                                               false
            PYTHON, -,                                            /srv/orders/app/service.py,                      true
            PYTHON, sqlalchemy.engine.base,                       /opt/venv/lib/python3.11/site-packages/sqlalchemy/engine/base.py, false
            PYTHON, -,                                            /usr/lib/python3.11/os.py,                       false
            NODE,   -,                                            /app/src/users.js,                               true
            NODE,   -,                                            /app/node_modules/express/lib/router/layer.js,   false
            NODE,   -,                                            node:internal/process/task_queues,               false
            NODE,   -,                                            -,                                               false
            GO,     github.com/acme/orders/internal/store,        /src/orders/internal/store/repo.go,              true
            GO,     net/http,                                     /usr/local/go/src/net/http/server.go,            false
            GO,     github.com/lib/pq,                            /root/go/pkg/mod/github.com/lib/pq@v1.10.9/conn.go, false
            GO,     github.com/acme/orders,                       /go/src/github.com/acme/orders/main.go,          true
            GO,     runtime,                                      -,                                               false
            DOTNET, Acme.Orders.OrderRepository,                  -,                                               true
            DOTNET, System.Net.Sockets.Socket,                    -,                                               false
            DOTNET, Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor, -,                               false
            """)
    void defaultsExcludeRuntimeAndLibraryNamespaces(Platform platform, String module, String file, boolean inApp) {
        assertThat(InAppRules.defaults().isInApp(platform, module, file)).isEqualTo(inApp);
    }

    @Test
    void explicitPrefixesAreTheOnlyInAppCode() {
        InAppRules rules = InAppRules.onlyPrefixes(List.of("com.acme.orders.", "/srv/orders/"));

        assertThat(rules.isInApp(Platform.JAVA, "com.acme.orders.OrderService", "OrderService.java")).isTrue();
        assertThat(rules.isInApp(Platform.JAVA, "com.acme.billing.Invoice", "Invoice.java")).isFalse();
        assertThat(rules.isInApp(Platform.PYTHON, null, "/srv/orders/app/service.py")).isTrue();
        assertThat(rules.isInApp(Platform.PYTHON, null, "/srv/billing/app/service.py")).isFalse();
        assertThatThrownBy(() -> InAppRules.onlyPrefixes(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
