package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.rest.RestTestBed.Reply;

/**
 * The web console's files are served from the jar at {@code /} (the browser tests are in
 * controller-dist's ConsoleBrowserIT): every script and style sheet the page names, the cytoscape
 * WebJar included, so a version bump that forgets index.html fails here.
 */
class ConsoleIT {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\":]+)\"");

    @TempDir Path dir;

    private static List<String> assets(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            out.add(m.group(1).startsWith("/") ? m.group(1) : "/" + m.group(1));
        }
        return out;
    }

    @Test
    void thePageAndEverythingItLoadsAreServed() throws Exception {
        try (RestTestBed bed = new RestTestBed(dir)) {
            Reply page = bed.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.raw().headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/html");
            assertThat(page.body()).contains("<title>Weft console</title>");
            List<String> assets = assets(page.body());
            assertThat(assets)
                    .contains("/console.css", "/console.js")
                    .anyMatch(a -> a.startsWith("/webjars/cytoscape/"));
            for (String a : assets) {
                Reply r = bed.get(a);
                assertThat(r.status()).as(a).isEqualTo(200);
                assertThat(r.body()).as(a).isNotEmpty();
            }
            assertThat(bed.get("/no-such-file.js").status()).isEqualTo(404);
        }
    }

    @Test
    void thePageLoadsWhenReadsNeedTheTokenAndTheApiStillRefusesWithoutIt() throws Exception {
        RestConfig cfg = RestConfig.defaults(dir).withPort(0).withToken(RestTestBed.TOKEN, true);
        try (RestTestBed bed = new RestTestBed(cfg, Map.of())) {
            assertThat(bed.get("/").status()).as("the page, to ask for the token").isEqualTo(200);
            assertThat(bed.get("/console.js").status()).isEqualTo(200);
            assertThat(bed.get("/api/v1/switches").status()).isEqualTo(401);
        }
    }
}
