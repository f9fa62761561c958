package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Checks of the console's controls, run by {@link ConsoleBrowserIT} on a page it has open. */
final class ConsoleControls {

    private ConsoleControls() {}

    /** A page opened after a failover shows it too: its feed starts from Weft's history. */
    static void feedSurvivesAReload(WeftTestBed bed, ConsoleBrowser b) throws Exception {
        int known = ConsoleBrowserIT.rest(bed, "/failover/events").size();
        assertThat(known).as("failovers in Weft's history").isPositive();
        b.driver.navigate().refresh();
        b.awaitJs(
                "window.weftConsole.feed()",
                f -> f.size() >= known && f.get(f.size() - 1).has("type"),
                Duration.ofSeconds(10),
                known + " failover events from Weft's history after a reload");
    }

    /**
     * Links off the broadcast spanning tree are drawn as such, and exactly those: the page's set of
     * flood-tree links equals Weft's ({@code GET /topology}, both directions of each tree cable),
     * and on a fabric of {@code switches} switches in one piece that is 2 x (switches - 1) links.
     */
    static void floodTreeIsDrawn(WeftTestBed bed, ConsoleBrowser b, int switches) throws Exception {
        JsonNode m =
                b.awaitModel(
                        model -> {
                            try {
                                return drawnTree(model).equals(weftTree(bed));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        Duration.ofSeconds(5),
                        "the flood tree Weft reports");
        assertThat(drawnTree(m)).hasSize(2 * (switches - 1));
        assertThat(m.get("links").size() - drawnTree(m).size())
                .as("links drawn as off the flood tree")
                .isPositive();
    }

    /** The cluster panel shows what GET /cluster says: here a single instance. */
    static void clusterPanelShowsASingleInstance(ConsoleBrowser b) {
        new WebDriverWait(b.driver, Duration.ofSeconds(5))
                .withMessage("the cluster panel saying 'A single instance'")
                .until(
                        d ->
                                d.findElements(By.id("cluster-state")).stream()
                                        .anyMatch(
                                                e -> e.getText().startsWith("A single instance")));
    }

    private static Set<String> drawnTree(JsonNode model) {
        Set<String> keys = new HashSet<>();
        for (JsonNode l : model.get("links")) {
            if (l.get("floodTree").asBoolean()) {
                keys.add(
                        l.get("src").asText()
                                + "/"
                                + l.get("srcPort").asLong()
                                + ">"
                                + l.get("dst").asText()
                                + "/"
                                + l.get("dstPort").asLong());
            }
        }
        return keys;
    }

    private static Set<String> weftTree(WeftTestBed bed) throws Exception {
        Set<String> keys = new HashSet<>();
        for (JsonNode l : ConsoleBrowserIT.rest(bed, "/topology").get("treeLinks")) {
            String a = end(l.get("src"));
            String z = end(l.get("dst"));
            keys.add(a + ">" + z);
            keys.add(z + ">" + a);
        }
        return keys;
    }

    private static String end(JsonNode cp) {
        return cp.get("dpid").asText() + "/" + cp.get("port").asLong();
    }

    /** The routing panel asks for the token once, keeps it for the tab, and changes the metric. */
    static void changeMetricWithTheToken(WeftTestBed bed, ConsoleBrowser b) throws Exception {
        for (String metric : List.of("LATENCY", "HOP_COUNT")) {
            new Select(b.driver.findElement(By.id("metric"))).selectByVisibleText(metric);
            b.driver.findElement(By.cssSelector("#metric-form button[type=submit]")).click();
            if (metric.equals("LATENCY")) {
                b.awaitJs(
                        "document.getElementById('token-dialog').open",
                        JsonNode::asBoolean,
                        Duration.ofSeconds(2),
                        "the token dialog");
                b.driver.findElement(By.id("token-input")).sendKeys(bed.weft.rest().token());
                b.driver.findElement(By.cssSelector("#token-dialog button[value=ok]")).click();
            } else {
                assertThat(b.eval("document.getElementById('token-dialog').open").asBoolean())
                        .as("the token is asked once per tab")
                        .isFalse();
            }
            WeftTestBed.waitUntil(
                    () -> {
                        try {
                            return ConsoleBrowserIT.rest(bed, "/routing")
                                    .get("metric")
                                    .asText()
                                    .equals(metric);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    Duration.ofSeconds(10),
                    "routing metric " + metric);
            b.awaitJs(
                    "document.getElementById('metric').value",
                    v -> v.asText().equals(metric),
                    Duration.ofSeconds(5),
                    "the routing panel showing " + metric);
        }
        assertThat(b.eval("sessionStorage.getItem('weft.apiToken')").asText())
                .isEqualTo(bed.weft.rest().token());
        assertThat(b.eval("localStorage.length").asInt())
                .as("nothing kept beyond the tab")
                .isZero();
    }

    /**
     * A link opened from its URL (#link=...) shows its panel; its weight is set and put back with
     * the token the tab already holds.
     */
    static void setALinkWeightFromASharedLink(WeftTestBed bed, ConsoleBrowser b) throws Exception {
        String key = "00:00:00:00:00:00:02:00/1>00:00:00:00:00:00:01:00/1";
        ((JavascriptExecutor) b.driver)
                .executeScript("location.hash = arguments[0]", "#link=" + key);
        b.awaitJs(
                "document.getElementById('details').innerText",
                t -> t.asText().contains("Link 200/1 → 100/1") && t.asText().contains("capacity"),
                Duration.ofSeconds(5),
                "the panel of link " + key);
        b.driver.findElement(By.id("weight-input")).clear();
        b.driver.findElement(By.id("weight-input")).sendKeys("7");
        b.driver.findElement(By.cssSelector("#weight-form button[type=submit]")).click();
        WeftTestBed.waitUntil(
                () -> {
                    JsonNode w = restOrNull(bed, "/link-weights");
                    return w != null && w.size() == 2 && w.get(0).get("weight").asDouble() == 7.0;
                },
                Duration.ofSeconds(5),
                "weight 7 on both directions of " + key);
        b.awaitJs(
                "document.querySelector('#link-facts td:last-child').textContent",
                v -> v.asText().equals("7"),
                Duration.ofSeconds(5),
                "the panel showing weight 7 (from the link's event)");
        b.driver.findElement(By.id("weight-clear")).click();
        WeftTestBed.waitUntil(
                () -> {
                    JsonNode w = restOrNull(bed, "/link-weights");
                    return w != null && w.isEmpty();
                },
                Duration.ofSeconds(5),
                "the weight back to the default");
        b.awaitJs(
                "document.querySelector('#link-facts td:last-child').textContent",
                v -> v.asText().equals("1"),
                Duration.ofSeconds(5),
                "the panel showing the default weight");
        assertThat(b.eval("document.getElementById('token-dialog').open").asBoolean()).isFalse();
    }

    private static JsonNode restOrNull(WeftTestBed bed, String path) {
        try {
            return ConsoleBrowserIT.rest(bed, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Dark or light follows prefers-color-scheme, the graph's colours too, without reload. */
    static void followsTheSystemsDarkMode(ConsoleBrowser b) throws Exception {
        String background = "getComputedStyle(document.body).backgroundColor";
        String switchColour =
                "window.weftConsole.switchColour ? window.weftConsole.switchColour() : null";
        String lightBody = b.eval(background).asText();
        String lightSwitch = b.eval(switchColour).asText();
        b.colourScheme("dark");
        b.awaitJs(
                "[" + background + ", " + switchColour + "]",
                v -> !v.get(0).asText().equals(lightBody) && !v.get(1).asText().equals(lightSwitch),
                Duration.ofSeconds(2),
                "dark colours on the page and in the graph");
        b.screenshot(ConsoleBrowserIT.screenshots().resolve("console-leaf-spine-dark.png"));
        b.colourScheme("light");
    }

    /** Arrow keys on the focused graph step through the switches, Esc clears. */
    static void arrowKeysStepThroughSwitches(ConsoleBrowser b) {
        b.driver.findElement(By.id("graph")).sendKeys(Keys.ESCAPE);
        b.awaitJs(
                "location.hash", h -> h.asText().isEmpty(), Duration.ofSeconds(2), "no selection");
        b.driver.findElement(By.id("graph")).sendKeys(Keys.ARROW_RIGHT);
        b.awaitJs(
                "location.hash",
                h -> h.asText().equals("#switch=00:00:00:00:00:00:01:00"),
                Duration.ofSeconds(2),
                "the first switch selected");
        b.driver.findElement(By.id("graph")).sendKeys(Keys.ARROW_LEFT);
        b.awaitJs(
                "location.hash",
                h -> h.asText().equals("#switch=00:00:00:00:00:00:02:07"),
                Duration.ofSeconds(2),
                "the last switch selected, going round");
    }

    /** At 480 px wide the panels go under the graph: both usable, nothing wider than the window. */
    static void narrowWindowShowsGraphAndPanels(ConsoleBrowser b) {
        b.resize(480, 900);
        b.awaitJs(
                "[document.documentElement.scrollWidth, document.getElementById('graph')"
                        + ".getBoundingClientRect().height, document.getElementById('side')"
                        + ".getBoundingClientRect().top]",
                v -> v.get(0).asInt() <= 480 && v.get(1).asInt() >= 300 && v.get(2).asInt() > 300,
                Duration.ofSeconds(2),
                "the narrow layout");
    }
}
