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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.weft.net.ConnectPoint;
import org.weft.net.link.LinkEvent;
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

    static Path screenshots() {
        return Path.of(
                System.getProperty("weft.console.screenshots", "target/console-screenshots"));
    }

    static WeftConfig config() {
        WeftConfig c = WeftTestBed.config(200);
        c.routing.recoveryHoldDownMs = 300;
        return c;
    }

    static String url(WeftTestBed bed) {
        return "http://127.0.0.1:" + bed.weft.rest().port() + "/";
    }

    static JsonNode rest(WeftTestBed bed, String path) throws Exception {
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url(bed) + "api/v1" + path))
                                        .header(
                                                "Authorization",
                                                "Bearer " + bed.weft.rest().token())
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
    static JsonNode awaitFabric(WeftTestBed bed, ConsoleBrowser b, int switches, int links) {
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
                ConsoleControls.floodTreeIsDrawn(bed, b, 20);
                ConsoleControls.clusterPanelShowsASingleInstance(b);

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
                AtomicLong removedAt = new AtomicLong();
                bed.core()
                        .linkService()
                        .addListener(
                                e -> {
                                    if (e.type() == LinkEvent.Type.REMOVED
                                            && e.subject().src().equals(cable.a())) {
                                        removedAt.compareAndSet(0, System.nanoTime());
                                    }
                                });
                long cutAt = System.nanoTime();
                bed.fabric.cut(cable);
                b.awaitModel(
                        m -> down(m, cable.a(), cable.b()) && down(m, cable.b(), cable.a()),
                        Duration.ofSeconds(2),
                        "the cut cable " + cable + " as down");
                long shownAt = System.nanoTime();
                log.info(
                        "The cut cable was shown down {} ms after the cut (Weft removed the link"
                                + " after {} ms)",
                        (shownAt - cutAt) / 1_000_000,
                        removedAt.get() == 0 ? -1 : (removedAt.get() - cutAt) / 1_000_000);
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
                ConsoleControls.feedSurvivesAReload(bed, b);
                assertThat(b.severeLogs()).as("JavaScript errors").isEmpty();
            }
        }
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
                    ConsoleControls.changeMetricWithTheToken(bed, b);
                    ConsoleControls.setALinkWeightFromASharedLink(bed, b);
                    ConsoleControls.arrowKeysStepThroughSwitches(b);
                    ConsoleControls.followsTheSystemsDarkMode(b);
                    ConsoleControls.narrowWindowShowsGraphAndPanels(b);
                }
                assertThat(b.severeLogs()).as("JavaScript errors").isEmpty();
            }
        }
    }

    @Test
    void whenReadsNeedTheTokenThePageAsksForItOnceAndThenFollowsTheFabric() throws Exception {
        ConsoleBrowser.assumeReady();
        WeftConfig c = config();
        c.rest.requireTokenForReads = true;
        try (WeftTestBed bed = new WeftTestBed(FabricBuilder.linear(3), c);
                ConsoleBrowser b = ConsoleBrowser.open(1280, 800)) {
            RoutingIT.awaitLinks(bed, 4);
            b.driver.get(url(bed));
            b.awaitJs(
                    "document.getElementById('token-dialog').open",
                    JsonNode::asBoolean,
                    Duration.ofSeconds(5),
                    "the token dialog");
            b.driver.findElement(By.id("token-input")).sendKeys(bed.weft.rest().token());
            b.driver.findElement(By.cssSelector("#token-dialog button[value=ok]")).click();
            awaitFabric(bed, b, 3, 4);
            EmulatedFabric.Cable cable = bed.fabric.cables().get(0);
            bed.fabric.cut(cable);
            b.awaitModel(
                    m -> down(m, cable.a(), cable.b()),
                    Duration.ofSeconds(2),
                    "the cut cable as down, through the event stream read with the token");
            assertThat(b.eval("document.getElementById('token-dialog').open").asBoolean())
                    .as("asked once")
                    .isFalse();
            assertThat(b.severeLogs())
                    .as("only the refused reads before the token was given")
                    .allMatch(l -> l.contains("401"));
        }
    }
}
