package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule, checked on sources (the enforcer checks dependencies): only openflow-driver,
 * bench and controller-dist may import Loxi or Netty in main code.
 */
class LayeringTest {

    private static final List<String> PROTOCOL_FREE =
            List.of("controller-core", "apps-routing", "apps-failover", "rest-api");

    @Test
    void protocolFreeModulesImportNoLoxiOrNetty() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("controller-core/src/main/java")).isDirectory();
        for (String module : PROTOCOL_FREE) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                List<String> offenders =
                        files.filter(f -> f.toString().endsWith(".java"))
                                .filter(LayeringTest::importsProtocol)
                                .map(f -> root.relativize(f).toString())
                                .toList();
                assertThat(offenders).as("files in %s importing Loxi or Netty", module).isEmpty();
            }
        }
    }

    private static boolean importsProtocol(Path f) {
        try {
            return Files.readAllLines(f).stream()
                    .anyMatch(
                            l ->
                                    l.startsWith("import org.projectfloodlight")
                                            || l.startsWith("import io.netty")
                                            || l.startsWith("import static org.projectfloodlight")
                                            || l.startsWith("import static io.netty"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
