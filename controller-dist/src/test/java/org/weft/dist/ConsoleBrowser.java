package org.weft.dist;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the web console tests. Without the browser the
 * tests skip with the reason; under {@code CI=true} they fail (scripts/ensure-browser.sh installs
 * it).
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("weft.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER =
            Path.of(System.getProperty("weft.chromedriver", "/usr/bin/chromedriver"));

    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Skips the calling test (fails it under CI=true) when Chromium or its driver is missing. */
    static void assumeReady() {
        List<String> missing = new ArrayList<>();
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                missing.add(p + " not found");
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message =
                "Browser tests cannot run here: "
                        + String.join("; ", missing)
                        + ". Run scripts/ensure-browser.sh as root (Debian packages chromium"
                        + " chromium-driver).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true: failing instead of skipping)");
        }
        Assumptions.abort(message);
    }

    /** A headless browser window of the given size, keeping the page's console messages. */
    static ConsoleBrowser open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--force-color-profile=srgb",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ConsoleBrowser b = new ConsoleBrowser(new ChromeDriver(service, options));
        b.resize(width, height);
        return b;
    }

    /** Sets the page's viewport (CSS pixels), as a window of that size would show it. */
    void resize(int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Emulates the system's colour scheme ({@code dark} or {@code light}). */
    void colourScheme(String scheme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of(
                        "features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Evaluates a JavaScript expression that yields a JSON-able value. */
    JsonNode eval(String expression) {
        Object out =
                ((JavascriptExecutor) driver)
                        .executeScript("return JSON.stringify(" + expression + ");");
        try {
            return JSON.readTree(out == null ? "null" : out.toString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** The console's rendered graph model ({@code window.weftConsole.model()}). */
    JsonNode model() {
        return eval("window.weftConsole ? window.weftConsole.model() : null");
    }

    /** Waits until the model satisfies the condition; returns that model. */
    JsonNode awaitModel(Predicate<JsonNode> condition, Duration timeout, String what) {
        JsonNode[] seen = new JsonNode[1];
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(25))
                    .until(
                            d -> {
                                seen[0] = model();
                                return seen[0] != null
                                        && !seen[0].isNull()
                                        && condition.test(seen[0]);
                            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " not shown within " + timeout + "; model: " + seen[0]);
        }
        return seen[0];
    }

    /** Waits until a JavaScript expression's value satisfies the condition; returns that value. */
    JsonNode awaitJs(
            String expression, Predicate<JsonNode> condition, Duration timeout, String what) {
        JsonNode[] seen = new JsonNode[1];
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(25))
                    .until(
                            d -> {
                                seen[0] = eval(expression);
                                return condition.test(seen[0]);
                            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + " not shown within " + timeout + "; saw: " + seen[0]);
        }
        return seen[0];
    }

    /** Writes a PNG of the window. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** The page's console messages at SEVERE (JavaScript errors, failed loads) since last asked. */
    List<String> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }

    /** Every console message of the page since last asked (for failure messages). */
    List<String> allLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString)
                .toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
