package org.weft.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule, checked on sources (the enforcer checks dependencies): only openflow-driver,
 * the switch emulator (openflow-emulator, a test tool), bench and controller-dist may use Loxi or
 * Netty in main code, whether imported or written out fully qualified; the protocol-free modules'
 * tests may not either (they drive emulated switches through the emulator's Loxi-free API). The
 * emulator uses no openflow-driver class, so that it checks the driver's translation instead of
 * repeating it. Every module of the reactor must be named below, so a renamed or new module fails
 * here instead of going unchecked. The apps depend on controller-core only (outside tests).
 */
class LayeringTest {

    static final List<String> PROTOCOL_FREE =
            List.of(
                    "controller-core",
                    "intent",
                    "cluster",
                    "apps-routing",
                    "apps-failover",
                    "apps-policy",
                    "rest-api");

    /** Modules allowed to use Loxi and Netty, or holding no main code the rule applies to. */
    static final List<String> PROTOCOL_ALLOWED =
            List.of("openflow-driver", "controller-dist", "bench", "mininet-tests");

    /**
     * Test tools: may use Loxi and Netty, and must not use openflow-driver (other modules use them
     * in tests only; the enforcer's emulator-in-tests-only rule and WeftJarIT check that).
     */
    static final List<String> TEST_TOOLS = List.of("openflow-emulator");

    /** A name of openflow-driver's packages (org.weft.openflow but not its emulator package). */
    static final Pattern DRIVER =
            Pattern.compile(
                    "\\borg\\s*\\.\\s*weft\\s*\\.\\s*openflow\\s*\\.\\s*(?!emulator\\b)\\w+");

    /** A Loxi or Netty name anywhere in code (comments and string literals are blanked first). */
    static final Pattern PROTOCOL =
            Pattern.compile("\\b(?:io\\s*\\.\\s*netty|org\\s*\\.\\s*projectfloodlight)\\s*\\.");

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    /** The apps: in main code they see controller-core only, and meet through its interfaces. */
    static final List<String> APPS = List.of("apps-routing", "apps-failover", "apps-policy");

    private static final Pattern DEPENDENCY =
            Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    @Test
    void appsDependOnControllerCoreOnlyOutsideTests() throws IOException {
        Path root = root();
        for (String app : APPS) {
            String pom = Files.readString(root.resolve(app).resolve("pom.xml"));
            assertThat(mainWeftDependencies(pom))
                    .as("Weft modules %s depends on outside test scope", app)
                    .containsExactly("controller-core");
        }
    }

    @Test
    void testScopedDependenciesAreNotMainOnes() {
        String pom =
                "<dependencies><dependency><groupId>org.weft</groupId>"
                        + "<artifactId>controller-core</artifactId></dependency>"
                        + "<dependency><groupId>org.weft</groupId><artifactId>apps-failover"
                        + "</artifactId><scope>test</scope></dependency>"
                        + "<dependency><groupId>org.weft</groupId><artifactId>apps-routing"
                        + "</artifactId></dependency></dependencies>";
        assertThat(mainWeftDependencies(pom)).containsExactly("controller-core", "apps-routing");
    }

    /** The Weft modules a pom depends on at any scope but test, in order. */
    static List<String> mainWeftDependencies(String pom) {
        List<String> out = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(pom.replaceAll("(?s)<!--.*?-->", ""));
        while (m.find()) {
            String d = m.group(1);
            if (d.contains("<groupId>org.weft</groupId>") && !d.contains("<scope>test</scope>")) {
                Matcher a =
                        Pattern.compile("<artifactId>\\s*([^<\\s]+)\\s*</artifactId>").matcher(d);
                if (a.find()) {
                    out.add(a.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void everyReactorModuleIsClassified() throws IOException {
        Set<String> modules = reactorModules(root());
        Set<String> classified = new LinkedHashSet<>(PROTOCOL_FREE);
        classified.addAll(PROTOCOL_ALLOWED);
        classified.addAll(TEST_TOOLS);
        assertThat(modules)
                .as("modules in the root pom.xml vs. LayeringTest's lists")
                .containsExactlyInAnyOrderElementsOf(classified);
    }

    @Test
    void protocolFreeModulesUseNoLoxiOrNetty() throws IOException {
        Path root = root();
        for (String module : PROTOCOL_FREE) {
            List<Path> sources = sources(root.resolve(module).resolve("src/main/java"));
            assertThat(sources).as("main sources of %s", module).isNotEmpty();
            Path tests = root.resolve(module).resolve("src/test/java");
            if (Files.isDirectory(tests)) {
                sources = new ArrayList<>(sources);
                sources.addAll(sources(tests));
            }
            List<String> offenders = new ArrayList<>();
            for (Path f : sources) {
                for (String use : uses(PROTOCOL, Files.readString(f))) {
                    offenders.add(root.relativize(f) + ": " + use);
                }
            }
            assertThat(offenders)
                    .as("uses of Loxi or Netty in %s (main and tests)", module)
                    .isEmpty();
        }
    }

    @Test
    void testToolsUseNoDriverClass() throws IOException {
        Path root = root();
        for (String module : TEST_TOOLS) {
            List<Path> sources = sources(root.resolve(module).resolve("src/main/java"));
            assertThat(sources).as("main sources of %s", module).isNotEmpty();
            List<String> offenders = new ArrayList<>();
            for (Path f : sources) {
                for (String use : uses(DRIVER, Files.readString(f))) {
                    offenders.add(root.relativize(f) + ": " + use);
                }
            }
            assertThat(offenders).as("uses of openflow-driver in %s", module).isEmpty();
        }
    }

    @Test
    void driverNamesAreFoundButNotTheEmulatorsOwn() {
        assertThat(uses(DRIVER, "import org.weft.openflow.translate.OfMatches;")).hasSize(1);
        assertThat(uses(DRIVER, "class A { org.weft.openflow.channel.OfSwitch s; }")).hasSize(1);
        assertThat(uses(DRIVER, "import org.weft.openflow.OfController;")).hasSize(1);
        assertThat(uses(DRIVER, "import org.weft.openflow.emulator.EmulatedSwitch;")).isEmpty();
        assertThat(uses(DRIVER, "import org.weft.net.flow.FlowRule;")).isEmpty();
    }

    private static List<Path> sources(Path dir) throws IOException {
        assertThat(dir).as("source directory").isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void importsAndInlineQualifiedNamesAreFoundButNotCommentsOrStrings() {
        assertThat(protocolUses("import io.netty.channel.Channel;\nclass A {}")).hasSize(1);
        assertThat(protocolUses("import static org.projectfloodlight.openflow.types.U64.of;"))
                .hasSize(1);
        assertThat(protocolUses("class A { io.netty.channel.Channel c; }")).hasSize(1);
        assertThat(
                        protocolUses(
                                "class A { Object m() { return"
                                        + " org.projectfloodlight.openflow.protocol.OFFactories"
                                        + ".getFactory(null); } }"))
                .hasSize(1);
        assertThat(protocolUses("class A { java.util.List<io.netty.buffer.ByteBuf> l; }"))
                .hasSize(1);
        assertThat(
                        protocolUses(
                                "/** Unlike {@code io.netty.channel.Channel}. */\n"
                                        + "class A { // io.netty.x\n"
                                        + "  String s = \"io.netty.y \\\" org.projectfloodlight.z\";\n"
                                        + "  char c = '\"'; String t = \"\"\"\n"
                                        + "    io.netty.text.Block\n    \"\"\"; /* org.projectfloodlight.q */ }"))
                .isEmpty();
        assertThat(protocolUses("class A { String nettyish; Object projectfloodlight; }"))
                .isEmpty();
    }

    /** Each Loxi or Netty name in code, with its line number. */
    static List<String> protocolUses(String source) {
        return uses(PROTOCOL, source);
    }

    /** Each match of the pattern in code, with its line number. */
    static List<String> uses(Pattern pattern, String source) {
        String code = codeOnly(source);
        List<String> uses = new ArrayList<>();
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            int line =
                    1 + (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            String text = source.split("\n", -1)[line - 1].strip();
            uses.add("line " + line + ": " + text);
        }
        return uses;
    }

    /** The source with comments, string, text block and char literals blanked (newlines kept). */
    static String codeOnly(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                blank(s, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(s, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static Path root() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("pom.xml")).as("the reactor's pom.xml").isRegularFile();
        return root;
    }

    private static Set<String> reactorModules(Path root) {
        try {
            Set<String> modules = new LinkedHashSet<>();
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
            while (m.find()) {
                modules.add(m.group(1));
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
