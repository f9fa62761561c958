package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged controller (target/weft.jar, built by the shade plugin in {@code package}) holds no
 * switch emulator: openflow-emulator is a test tool. It holds the web console and its library. Run
 * by failsafe after packaging.
 */
class WeftJarIT {

    static final String EMULATOR = "org/weft/openflow/emulator/";

    @Test
    void weftJarHoldsTheControllerButNoSwitchEmulator() throws IOException {
        Path jar = Path.of(System.getProperty("weft.jar", "target/weft.jar"));
        assertThat(jar).as("the packaged controller").isRegularFile();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("org/weft/dist/Main.class"))
                    .as("Weft's main class")
                    .isNotNull();
            assertThat(zip.getEntry("org/weft/openflow/OfController.class"))
                    .as("the OpenFlow driver")
                    .isNotNull();
            assertThat(zip.getEntry("org/weft/rest/console/index.html"))
                    .as("the web console")
                    .isNotNull();
            assertThat(
                            zip.stream()
                                    .map(ZipEntry::getName)
                                    .anyMatch(
                                            n ->
                                                    n.startsWith(
                                                                    "META-INF/resources/webjars/cytoscape/")
                                                            && n.endsWith("/cytoscape.min.js")))
                    .as("cytoscape.js, which the web console loads from /webjars")
                    .isTrue();
            List<String> emulator =
                    zip.stream()
                            .map(ZipEntry::getName)
                            .filter(name -> name.startsWith(EMULATOR))
                            .toList();
            assertThat(emulator).as("emulator classes in %s", jar).isEmpty();
        }
    }
}
