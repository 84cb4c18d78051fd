package io.selfheal.observe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.selfheal.observe.jolokia.JolokiaPolicy;
import io.selfheal.testing.HeadlessChromium;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio 4 as {@code ./mvnw -Phawtio} starts it ({@link HawtioConsole}: hawtio-war in embedded Jetty, the connection
 * to the service preset), against a service that wants a read token, opened in headless Chromium: the routes are
 * listed, a route's diagram is drawn (its nodes are elements of the page) and its Source tab shows the route's text
 * (screenshots in {@code target/screenshots/}); every operation Hawtio asked Jolokia for that it needs was allowed.
 * Without the token the service's Jolokia refuses.
 */
class HawtioConsoleTest {
    /** Copied there by maven-dependency-plugin (pom.xml, "hawtio-war-for-tests"). */
    private static final Path HAWTIO_WAR = Path.of("target", "hawtio", "hawtio.war");
    private static final String READ_TOKEN = "hawtio-reads-with-this";
    private static final String VERSION = "{\"type\":\"version\"}";

    @TempDir
    static Path work;

    private static final ListAppender<ILoggingEvent> JOLOKIA_DECISIONS = new ListAppender<>();
    private static RunningApp app;
    private static HawtioConsole console;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        TestDatabase.get().reset();
        Logger policy = (Logger) LoggerFactory.getLogger(JolokiaPolicy.class);
        policy.setLevel(Level.DEBUG); // records every operation Hawtio asks for
        JOLOKIA_DECISIONS.start();
        policy.addAppender(JOLOKIA_DECISIONS);
        app = RunningApp.startIn(work, Map.of("selfheal.api.read-token", READ_TOKEN));
        console = HawtioConsole.start(URI.create("http://127.0.0.1:" + app.port()), 0, HAWTIO_WAR, READ_TOKEN);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        Logger policy = (Logger) LoggerFactory.getLogger(JolokiaPolicy.class);
        policy.detachAppender(JOLOKIA_DECISIONS);
        policy.setLevel(null);
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void hawtioDrawsARouteDiagramAndShowsItsSource() throws Exception {
        WebDriver page = browser.driver();
        page.get(console.url());
        awaitPage(page, "the route list", d -> text(d).contains("source-http") && text(d).contains("observe-db-gauges"));
        assertThat(text(page)).contains("ingest").contains("source-files").contains("source-http");
        browser.screenshot("hawtio-routes");

        awaitPage(page, "the route diagram's nodes", d -> {
            if (d.findElements(By.cssSelector(".react-flow__node")).size() >= 3) {
                return true;
            }
            // The route "ingest" in Hawtio's Camel tree, then its Route Diagram tab
            if (!clickTab(d, "Route Diagram")) {
                clickIfPresent(d, By.xpath("//*[normalize-space(text())='ingest']"));
            }
            return false;
        });
        List<WebElement> nodes = page.findElements(By.cssSelector(".react-flow__node"));
        assertThat(nodes).extracting(WebElement::getText).anySatisfy(t -> assertThat(t).contains("ingest"));
        assertThat(page.findElements(By.cssSelector(".react-flow__edge"))).isNotEmpty();
        browser.screenshot("hawtio-route-diagram");

        // Source: the route as Camel dumps it (dumpRoutesAsXml), in Hawtio's code editor (Monaco, which HawtioConsole
        // serves: Hawtio would fetch it from a CDN and stay at "Loading..." without internet access)
        awaitPage(page, "the route's source", d -> {
            String source = d.findElements(By.cssSelector(".monaco-editor .view-lines")).stream()
                    .map(WebElement::getText).findFirst().orElse("");
            if (source.contains("direct:ingest")) {
                return true;
            }
            clickTab(d, "Source");
            return false;
        });
        assertThat(page.findElement(By.cssSelector(".monaco-editor .view-lines")).getText())
                .contains("id=\"ingest\"").contains("uri=\"direct:ingest\"").contains("batchWriter");
        browser.screenshot("hawtio-route-source");
        assertThat(browser.requests()).as("nothing fetched from outside this machine")
                .filteredOn(r -> r.matches("\\w+ https?://.*"))
                .isNotEmpty().allSatisfy(r -> assertThat(r).matches("\\w+ http://127\\.0\\.0\\.1:\\d+/.*"));

        // What Hawtio asked for to draw and show all this: read-only dumps, none of them refused. Hawtio also asks
        // whether routes may be edited (isUpdateRouteEnabled), which is refused, so it offers no Save; and it probes
        // its own RBAC MBeans (canInvoke on HawtioDummyJMXSecurity, absent here), refused without harm.
        List<ILoggingEvent> logged;
        synchronized (JOLOKIA_DECISIONS) { // AppenderBase appends under this lock, from Jolokia's request threads
            logged = new ArrayList<>(JOLOKIA_DECISIONS.list);
        }
        List<String> decisions = logged.stream().map(ILoggingEvent::getFormattedMessage).distinct().toList();
        System.out.println("Jolokia operations Hawtio asked for:\n  " + String.join("\n  ", decisions));
        assertThat(decisions).filteredOn(d -> d.contains("org.apache.camel"))
                .anySatisfy(d -> assertThat(d).startsWith("exec dumpRoutesAsXml() ").endsWith(": allowed"))
                .allSatisfy(d -> assertThat(d).matches("exec dump\\w+\\b.*: allowed|exec isUpdateRouteEnabled\\(\\) .*"));
    }

    @Test
    void theServicesJolokiaNeedsTheTokenThatTheConsoleAdds() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI service = app.uri("/observe/jolokia");
        assertThat(http.send(post(service, VERSION).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("the service's Jolokia without a token").isEqualTo(401);
        assertThat(http.send(post(service, VERSION).header("Authorization", "Bearer " + READ_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        URI forwarder = URI.create(console.url() + "selfheal/jolokia");
        HttpResponse<String> viaConsole = http.send(post(forwarder, VERSION).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaConsole.statusCode()).as("the console adds the token").isEqualTo(200);
        assertThat(viaConsole.body()).contains("\"agent\"");
        assertThat(http.send(post(forwarder, VERSION).header("Origin", "https://elsewhere.example").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("another site's page may not use the console's token").isEqualTo(403);
    }

    private static HttpRequest.Builder post(URI uri, String json) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static void awaitPage(WebDriver page, String what, Function<WebDriver, Boolean> condition)
            throws Exception {
        try {
            new WebDriverWait(page, Duration.ofSeconds(90)).ignoring(RuntimeException.class).until(condition);
        } catch (TimeoutException e) {
            browser.screenshot("hawtio-failure");
            throw new AssertionError("Hawtio did not show " + what + "; page at " + page.getCurrentUrl() + " shows:\n"
                    + text(page) + "\nbrowser console:\n  " + String.join("\n  ", browser.consoleMessages()), e);
        }
    }

    /** Clicks the tab named {@code name} of the selected node when it is shown; false when it is not. */
    private static boolean clickTab(WebDriver page, String name) {
        By tab = By.xpath("//*[self::a or self::button][normalize-space(.)='" + name + "']");
        if (page.findElements(tab).stream().noneMatch(WebElement::isDisplayed)) {
            return false;
        }
        clickIfPresent(page, tab);
        return true;
    }

    private static void clickIfPresent(WebDriver page, By element) {
        page.findElements(element).stream().filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
    }

    private static String text(WebDriver page) {
        return page.findElement(By.tagName("body")).getText();
    }
}
