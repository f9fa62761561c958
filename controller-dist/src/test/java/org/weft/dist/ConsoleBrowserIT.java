package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.FabricBuilder;

/**
 * The web console in headless Chromium against an in-process Weft with emulated switches: what the
 * page renders (read from {@code window.weftConsole.model()}, not from the REST answers), its live
 * updates over the event stream, path highlighting and the failover feed. Screenshots go to
 * target/console-screenshots, or to {@code -Dweft.console.screenshots=DIR} (docs/images for the
 * README's).
 */
class ConsoleBrowserIT {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path screenshots() {
        return Path.of(
                System.getProperty("weft.console.screenshots", "target/console-screenshots"));
    }

    private static WeftConfig config() {
        WeftConfig c = WeftTestBed.config(200);
        c.routing.recoveryHoldDownMs = 300;
        return c;
    }

    private static String url(WeftTestBed bed) {
        return "http://127.0.0.1:" + bed.weft.rest().port() + "/";
    }

    private static JsonNode rest(WeftTestBed bed, String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url(bed) + "api/v1" + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean down(JsonNode model, ConnectPoint from, ConnectPoint to) {
        for (JsonNode l : model.get("links")) {
            if (l.get("src").asText().equals(from.dpid().toString())
                    && l.get("srcPort").asLong() == from.port().value()
                    && l.get("dst").asText().equals(to.dpid().toString())
                    && l.get("dstPort").asLong() == to.port().value()) {
                return l.get("state").asText().equals("DOWN");
            }
        }
        return false;
    }

    private static long linksIn(JsonNode model, String state) {
        return StreamSupport.stream(model.get("links").spliterator(), false)
                .filter(l -> l.get("state").asText().equals(state))
                .count();
    }

    /**
     * Waits until the page shows the whole fabric, laid out, with the event stream live: the
     * switches and links expected, and as many hosts as Weft knows (a switch that missed echo
     * replies on a loaded machine reconnects, and Weft forgets the hosts it had).
     */
    private static JsonNode awaitFabric(
            WeftTestBed bed, ConsoleBrowser b, int switches, int links) {
        try {
            return b.awaitModel(
                    m ->
                            m.get("switches").size() == switches
                                    && linksIn(m, "ACTIVE") == links
                                    && m.get("laidOut").asBoolean()
                                    && b.eval("window.weftConsole.live()").asBoolean()
                                    && m.get("hosts").size() == knownHosts(bed).size(),
                    Duration.ofSeconds(15),
                    switches + " switches, " + links + " links and Weft's hosts");
        } catch (AssertionError e) {
            String known;
            try {
                known = rest(bed, "/hosts").toString();
            } catch (Exception r) {
                known = r.toString();
            }
            throw new AssertionError(
                    e.getMessage() + "; Weft's hosts: " + known + "; page log: " + b.allLogs(), e);
        }
    }

    private static List<String> knownHosts(WeftTestBed bed) {
        try {
            List<String> macs = new ArrayList<>();
            rest(bed, "/hosts").forEach(h -> macs.add(h.get("mac").asText()));
            return macs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pick(ConsoleBrowser b, String mac) {
        b.driver.findElement(By.cssSelector("#host-list button[data-key='" + mac + "']")).click();
    }

    @Test
    void fatTreeIsShownLiveWithPathsAndFailovers() throws Exception {
        ConsoleBrowser.assumeReady();
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.fatTree(4), config())) {
            RoutingIT.awaitLinks(bed, 64);
            List<RoutingIT.TestHost> hosts =
                    RoutingIT.hostsOnFreePorts(bed.fabric).stream()
                            .filter(h -> h.at().dpid().value() >= FabricBuilder.EDGE_BASE)
                            .toList();
            RoutingIT.announce(bed, hosts);
            FailoverIT.awaitConverged(bed);
            RoutingIT.TestHost a = hosts.get(0);
            RoutingIT.TestHost z = hosts.get(hosts.size() - 1);
            RoutingIT.announce(bed, hosts); // again, should a switch have reconnected meanwhile
            try (ConsoleBrowser b = ConsoleBrowser.open(1280, 800)) {
                b.driver.get(url(bed));
                JsonNode shown = awaitFabric(bed, b, 20, 64);
                assertThat(shown.get("layout").asText()).isEqualTo("layered");

                pick(b, a.mac().toString());
                pick(b, z.mac().toString());
                List<String> expected =
                        strings(
                                rest(bed, "/paths?src=" + a.mac() + "&dst=" + z.mac())
                                        .get(0)
                                        .get("switches"));
                JsonNode lit =
                        b.awaitModel(
                                m -> m.get("highlightedPath").size() > 0,
                                Duration.ofSeconds(5),
                                "a highlighted path");
                assertThat(strings(lit.get("highlightedPath"))).isEqualTo(expected);
                JsonNode all = rest(bed, "/paths?src=" + a.mac() + "&dst=" + z.mac() + "&k=16");
                List<List<String>> equalCost = new ArrayList<>();
                for (JsonNode p : all) {
                    if (p.get("cost").asDouble() == all.get(0).get("cost").asDouble()) {
                        equalCost.add(strings(p.get("switches")));
                    }
                }
                List<List<String>> shownPaths = new ArrayList<>();
                lit.get("highlightedPaths").forEach(p -> shownPaths.add(strings(p)));
                assertThat(shownPaths)
                        .as("every equal-cost path (ECMP); REST: %s", all)
                        .containsExactlyInAnyOrderElementsOf(equalCost)
                        .hasSizeGreaterThan(1);
                assertThat(b.driver.getCurrentUrl()).contains("#hosts=");

                EmulatedFabric.Cable cable = FailoverIT.firstHop(bed, a, z);
                long cutAt = System.nanoTime();
                bed.fabric.cut(cable);
                b.awaitModel(
                        m -> down(m, cable.a(), cable.b()) && down(m, cable.b(), cable.a()),
                        Duration.ofSeconds(2),
                        "the cut cable " + cable + " as down");
                log.info(
                        "The cut cable was shown down {} ms after the cut",
                        (System.nanoTime() - cutAt) / 1_000_000);
                assertThat(b.driver.getCurrentUrl()).as("no reload").contains("#hosts=");

                JsonNode feed =
                        b.awaitJs(
                                "window.weftConsole.feed()",
                                f ->
                                        f.size() > 0
                                                && f.get(0).get("type").asText().equals("REROUTED"),
                                Duration.ofSeconds(10),
                                "the failover in the event feed");
                assertThat(feed.get(0).get("destinations").asInt()).isPositive();
                b.awaitModel(
                        m -> {
                            try {
                                return strings(m.get("highlightedPath"))
                                        .equals(
                                                strings(
                                                        rest(
                                                                        bed,
                                                                        "/paths?src="
                                                                                + a.mac()
                                                                                + "&dst="
                                                                                + z.mac())
                                                                .get(0)
                                                                .get("switches")));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        Duration.ofSeconds(5),
                        "the highlighted path following the re-route");
                // The README's picture: a cut cable, the re-routed paths, the failover in the feed.
                b.screenshot(screenshots().resolve("console-fat-tree.png"));

                // Keyboard: the switch list is made of buttons; Enter on one selects it, Esc
                // clears.
                String edge = a.at().dpid().toString();
                b.driver
                        .findElement(By.cssSelector("#switch-list button[data-key='" + edge + "']"))
                        .sendKeys(Keys.ENTER);
                b.awaitJs(
                        "document.getElementById('details').innerText",
                        t -> t.asText().contains("Flows") && t.asText().contains("routing"),
                        Duration.ofSeconds(10),
                        "switch " + edge + " with its routing flows");
                assertThat(b.driver.getCurrentUrl()).endsWith("#switch=" + edge);
                b.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                b.awaitJs(
                        "location.hash",
                        h -> h.asText().isEmpty(),
                        Duration.ofSeconds(2),
                        "Esc clearing the selection");
                assertThat(b.severeLogs()).as("JavaScript errors").isEmpty();
            }
        }
    }

    /** The routing panel asks for the token once, keeps it for the tab, and changes the metric. */
    private static void changeMetricWithTheToken(WeftTestBed bed, ConsoleBrowser b)
            throws Exception {
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
                            return rest(bed, "/routing").get("metric").asText().equals(metric);
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
    private static void setALinkWeightFromASharedLink(WeftTestBed bed, ConsoleBrowser b)
            throws Exception {
        String key = "00:00:00:00:00:00:02:00/1>00:00:00:00:00:00:01:00/1";
        ((JavascriptExecutor) b.driver)
                .executeScript("location.hash = arguments[0]", "#link=" + key);
        b.awaitJs(
                "document.getElementById('details').innerText",
                t -> t.asText().contains("Link " + key) && t.asText().contains("capacity"),
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
                "document.getElementById('weight-input') && document.getElementById('weight-input').value",
                v -> v.asText().equals("7"),
                Duration.ofSeconds(5),
                "the panel showing weight 7");
        b.driver.findElement(By.id("weight-clear")).click();
        WeftTestBed.waitUntil(
                () -> {
                    JsonNode w = restOrNull(bed, "/link-weights");
                    return w != null && w.isEmpty();
                },
                Duration.ofSeconds(5),
                "the weight back to the default");
        assertThat(b.eval("document.getElementById('token-dialog').open").asBoolean()).isFalse();
    }

    private static JsonNode restOrNull(WeftTestBed bed, String path) {
        try {
            return rest(bed, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** At 480 px wide the panels go under the graph: both usable, nothing wider than the window. */
    private static void narrowWindowShowsGraphAndPanels(ConsoleBrowser b) {
        b.resize(480, 900);
        b.awaitJs(
                "[document.documentElement.scrollWidth, document.getElementById('graph')"
                        + ".getBoundingClientRect().height, document.getElementById('side')"
                        + ".getBoundingClientRect().top]",
                v -> v.get(0).asInt() <= 480 && v.get(1).asInt() >= 300 && v.get(2).asInt() > 300,
                Duration.ofSeconds(2),
                "the narrow layout");
    }

    @Test
    void leafSpineAndBackboneAreLaidOutReadably() throws Exception {
        ConsoleBrowser.assumeReady();
        record Shape(String name, FabricBuilder fabric, int switches, int links, String layout) {}
        List<Shape> shapes =
                List.of(
                        new Shape("leaf-spine", FabricBuilder.leafSpine(4, 8), 12, 64, "layered"),
                        new Shape("backbone", Fabrics.backbone(), 30, 76, "force"));
        for (Shape s : shapes) {
            try (WeftTestBed bed = new WeftTestBed(s.fabric(), config());
                    ConsoleBrowser b = ConsoleBrowser.open(1280, 800)) {
                RoutingIT.awaitLinks(bed, s.links());
                List<RoutingIT.TestHost> hosts = RoutingIT.hostsOnFreePorts(bed.fabric);
                RoutingIT.announce(bed, hosts);
                b.driver.get(url(bed));
                JsonNode shown = awaitFabric(bed, b, s.switches(), s.links());
                assertThat(shown.get("layout").asText()).as(s.name()).isEqualTo(s.layout());
                b.screenshot(screenshots().resolve("console-" + s.name() + ".png"));
                if (s.name().equals("leaf-spine")) {
                    changeMetricWithTheToken(bed, b);
                    setALinkWeightFromASharedLink(bed, b);
                    narrowWindowShowsGraphAndPanels(b);
                }
                assertThat(b.severeLogs()).as("JavaScript errors").isEmpty();
            }
        }
    }
}
