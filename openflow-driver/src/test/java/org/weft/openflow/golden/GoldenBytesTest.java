package org.weft.openflow.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver's bytes for every message Weft sends equal the golden fixtures (which were checked
 * against Open vSwitch's decoder, see {@link GoldenOvsPrintTest}). After an intended change,
 * regenerate them with {@code mvn -B -o -pl openflow-driver -am test -Dtest=GoldenBytesTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dweft.golden.update=true} and review the diff of {@code
 * src/test/resources/golden}, the {@code .ovs.txt} files above all. Never active by default.
 */
class GoldenBytesTest {

    static List<GoldenCase> cases() {
        return GoldenCatalog.all();
    }

    @BeforeAll
    static void updateIfAsked() {
        if (!GoldenFixtures.updating()) {
            return;
        }
        Optional<OvsOfctl> ovs = OvsOfctl.find();
        for (GoldenCase c : cases()) {
            GoldenFixtures.write(GoldenFixtures.hexFile(c), GoldenFixtures.format(c.bytes()));
            ovs.ifPresent(
                    o -> GoldenFixtures.write(GoldenFixtures.ovsFile(c), o.ofpPrint(c.bytes())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void driverBytesEqualTheFixture(GoldenCase c) {
        Optional<String> mismatch = GoldenFixtures.mismatch(c, c.bytes());
        assertThat(mismatch).as("golden fixture %s", c.fixture()).isEmpty();
    }

    @Test
    void everyFixtureOnDiskIsOneTheDriverProduces() throws IOException {
        Set<String> produced =
                cases().stream().map(GoldenCase::fixture).collect(Collectors.toSet());
        assertThat(produced).as("fixture names are unique").hasSize(cases().size());
        try (Stream<Path> files = Files.walk(GoldenFixtures.DIR)) {
            List<String> stale =
                    files.filter(p -> p.toString().endsWith(".hex"))
                            .map(p -> GoldenFixtures.DIR.relativize(p).toString())
                            .map(s -> s.substring(0, s.length() - ".hex".length()))
                            .map(s -> s.replace('\\', '/'))
                            .filter(s -> !produced.contains(s))
                            .toList();
            assertThat(stale).as("fixtures no golden case produces (delete them)").isEmpty();
        }
    }
}
