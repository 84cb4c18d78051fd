package io.selfheal.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.selfheal.dashboard.DashboardFiles;
import io.selfheal.dashboard.DashboardViews;
import io.selfheal.store.Database;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import java.time.Clock;

/** Binds the beans of the HTTP API and dashboard routes; their queries are sql: endpoints on the bean {@code dataSource}. */
public final class ApiWiring {
    private ApiWiring() {
    }

    public static void bind(CamelContext camel, Database database, ObjectMapper json, Clock clock) {
        Registry registry = camel.getRegistry();
        JsonErrorPages.install(camel);
        ApiRows rows = new ApiRows(json);
        DetailViews views = new DetailViews(rows, clock);
        registry.bind("apiRows", rows);
        registry.bind("listQueries", new ListQueries(clock));
        registry.bind("detailViews", views);
        registry.bind("incidentTriage", new IncidentTriage(views, json));
        registry.bind("dashboardFiles", new DashboardFiles());
        registry.bind("dashboardViews", new DashboardViews(
                camel.getPropertiesComponent().resolveProperty("selfheal.dashboard.hawtio-url").orElse(""),
                camel.getPropertiesComponent().resolveProperty("selfheal.dashboard.grafana-url").orElse("")));
    }
}
