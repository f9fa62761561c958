package org.weft.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.weft.net.PortNumber;
import org.weft.net.flow.FlowAction;
import org.weft.net.flow.Group;
import org.weft.net.flow.GroupOperation;
import org.weft.openflow.emulator.EmulatedFabric;
import org.weft.openflow.emulator.EmulatedSwitch;

/**
 * Replays every {@code curl} example of docs/rest-api.md, in order, against a live server with one
 * emulated switch, and checks each status against the {@code # => STATUS} line under it; also
 * checks that every registered route has an example.
 */
class DocExamplesIT {

    private static final Path DOC = Path.of("..", "docs", "rest-api.md");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXPECT = Pattern.compile("# => (\\d{3})( stream)?");

    @TempDir Path dir;

    /** One example: the curl arguments after {@code curl}, and what it must answer. */
    record Example(List<String> args, int status, boolean stream) {}

    static List<Example> examples(String doc, String base, String token) {
        List<Example> out = new ArrayList<>();
        Matcher block = SH_BLOCK.matcher(doc.replace("$WEFT", base).replace("$TOKEN", token));
        while (block.find()) {
            String text = block.group(1);
            int i = 0;
            while ((i = text.indexOf("curl ", i)) >= 0) {
                List<String> args = new ArrayList<>();
                i = tokenize(text, i + 5, args);
                Matcher m = EXPECT.matcher(text.substring(i));
                if (!m.lookingAt()) {
                    throw new AssertionError(
                            "curl example without '# => STATUS' under it: " + args);
                }
                out.add(new Example(args, Integer.parseInt(m.group(1)), m.group(2) != null));
                i += m.end();
            }
        }
        return out;
    }

    /** Shell words up to an unquoted, unescaped newline; returns the index after it. */
    private static int tokenize(String s, int i, List<String> args) {
        StringBuilder word = null;
        char quote = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
            } else if (c == ' ' || c == '\n') {
                if (word != null) {
                    args.add(word.toString());
                    word = null;
                }
                if (c == '\n') {
                    return i + 1;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            args.add(word.toString());
        }
        return i;
    }

    static HttpRequest.Builder request(List<String> args) {
        String method = null;
        String url = null;
        String body = null;
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-s", "-S", "-N", "-i" -> {}
                case "-X" -> method = args.get(++i);
                case "-H" -> headers.add(args.get(++i).split(":\\s*", 2));
                case "-d", "--data" -> body = args.get(++i);
                default -> {
                    if (a.startsWith("-") || url != null) {
                        throw new AssertionError("the replayer does not know curl argument " + a);
                    }
                    url = a;
                }
            }
        }
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(h -> b.header(h[0], h[1]));
        return b.timeout(Duration.ofSeconds(20));
    }

    @Test
    void everyCurlExampleAnswersAsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        try (RestTestBed bed = new RestTestBed(dir)) {
            EmulatedFabric fabric =
                    bed.connect(
                            EmulatedFabric.builder()
                                    .addSwitch(1, 4)
                                    .addSwitch(2, 4)
                                    .addSwitch(3, 4)
                                    .cable(1, 4, 2, 4)
                                    // Two tables: the policy stage (ACLs, rate limits) exists.
                                    .tables(2)
                                    .build());
            EmulatedSwitch sw = fabric.get(1);
            bed.announceHost(sw, 1, "0a:00:00:00:00:01", "10.0.0.1");
            bed.announceHost(fabric.get(2), 1, "0a:00:00:00:00:02", "10.0.0.2");
            Group ff =
                    new Group(
                            sw.dpid(),
                            7,
                            Group.Type.FAST_FAILOVER,
                            List.of(
                                    new Group.Bucket(
                                            0, PortNumber.of(1), List.of(FlowAction.output(1)))));
            bed.controller
                    .groupService()
                    .applyGroups(
                            sw.dpid(), List.of(new GroupOperation(GroupOperation.Type.ADD, ff)))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);

            List<Example> examples = examples(doc, bed.base(), bed.server.token());
            assertThat(examples).hasSizeGreaterThan(40);
            List<String> exercised = new ArrayList<>();
            for (Example e : examples) {
                HttpRequest req = request(e.args()).build();
                int status;
                if (e.stream()) {
                    HttpResponse<InputStream> r =
                            bed.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                    status = r.statusCode();
                    r.body().close();
                } else {
                    HttpResponse<String> r =
                            bed.http.send(req, HttpResponse.BodyHandlers.ofString());
                    status = r.statusCode();
                    assertThat(status)
                            .as("%s %s -> %s", req.method(), req.uri(), r.body())
                            .isEqualTo(e.status());
                }
                assertThat(status).as("%s %s", req.method(), req.uri()).isEqualTo(e.status());
                exercised.add(req.method() + " " + req.uri().getPath());
            }

            for (String route : bed.server.routes()) {
                String[] parts = route.split(" ", 2);
                Pattern p =
                        Pattern.compile(
                                Pattern.quote(parts[0] + " ")
                                        + parts[1].replaceAll("\\{[^}]+}", "[^/]+"));
                assertThat(exercised)
                        .as("an example in %s for %s", DOC, route)
                        .anyMatch(x -> p.matcher(x).matches());
            }
        }
    }
}
