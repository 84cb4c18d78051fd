package io.selfheal.observe;

import io.selfheal.testing.HeadlessChromium;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio 4 (hawtio-war, as {@code README} shows how to run it) in embedded Jetty, connected through its proxy to the
 * service's read-only Jolokia, opened in headless Chromium: Selfheal's routes are listed.
 */
class HawtioConsoleTest {
    /** Copied there by maven-dependency-plugin (pom.xml, "hawtio-war-for-tests"). */
    private static final Path HAWTIO_WAR = Path.of("target", "hawtio", "hawtio.war");

    @TempDir
    Path work;

    private RunningApp app;
    private Server jetty;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        assertThat(HAWTIO_WAR).as("run the build once: ./mvnw generate-test-resources").exists();
        TestDatabase.get().reset();
        app = RunningApp.startIn(work, Map.of());
        // Local use only: Hawtio's own login is off, Jolokia's policy is what protects the service.
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.proxyAllowlist", "localhost,127.0.0.1");
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        WebAppContext hawtio = new WebAppContext();
        hawtio.setContextPath("/hawtio");
        hawtio.setWar(HAWTIO_WAR.toAbsolutePath().toString());
        hawtio.setTempDirectory(Files.createDirectories(work.resolve("jetty")).toFile());
        jetty.setHandler(hawtio);
        jetty.start();
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (jetty != null) {
            jetty.stop();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void hawtioListsSelfhealsRoutes() throws Exception {
        String hawtio = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/hawtio";
        WebDriver page = browser.driver();
        page.get(hawtio + "/");
        // Hawtio keeps its connections in the browser's localStorage; a same-origin page presets Selfheal's.
        ((JavascriptExecutor) page).executeScript("""
                localStorage.setItem('connect.connections', JSON.stringify({selfheal: {
                  id: 'selfheal', name: 'selfheal', scheme: 'http', host: '127.0.0.1', port: arguments[0],
                  path: '/observe/jolokia'}}));""", app.port());
        page.get(hawtio + "/camel/routes?con=selfheal");

        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(90));
        try {
            wait.until(d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("source-http") && text.contains("ingest");
            });
        } catch (TimeoutException e) {
            browser.screenshot("hawtio-failure");
            throw new AssertionError("Hawtio did not list the routes; page at " + page.getCurrentUrl() + " shows:\n"
                    + page.findElement(By.tagName("body")).getText(), e);
        }
        String text = page.findElement(By.tagName("body")).getText();
        assertThat(text).contains("ingest").contains("source-files").contains("source-http").contains("observe-db-gauges");
        browser.screenshot("hawtio-routes");
    }
}
