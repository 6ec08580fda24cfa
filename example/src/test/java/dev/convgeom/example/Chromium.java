package dev.convgeom.example;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through chromedriver over the W3C WebDriver protocol, with
 * {@code java.net.http} only (no Selenium): start, open a page, run a script, read the browser's
 * console log, take a screenshot, quit. The browser runs with a fresh profile directory and
 * everything that would reach the network switched off.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;

    /** Whether Debian's {@code chromium} and {@code chromium-driver} are installed. */
    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    Chromium() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        profile = Files.createTempDirectory("convgeom-chromium-");
        driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".driver.log").toFile())
                .start();
        base = "http://127.0.0.1:" + port;
        waitReady();
        String args = String.join(", ", List.of("\"--headless\"", "\"--no-sandbox\"", "\"--disable-gpu\"",
                "\"--disable-background-networking\"", "\"--disable-component-update\"", "\"--disable-sync\"",
                "\"--no-first-run\"", "\"--window-size=1400,2000\"", "\"--user-data-dir=" + profile + "\""));
        Map<String, Object> created = call("POST", "/session", "{\"capabilities\": {\"alwaysMatch\": {"
                + "\"browserName\": \"chrome\", \"goog:loggingPrefs\": {\"browser\": \"ALL\"},"
                + "\"goog:chromeOptions\": {\"binary\": \"" + BROWSER + "\", \"args\": [" + args + "]}}}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) created.get("value");
        session = (String) value.get("sessionId");
    }

    void open(Path file) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", "{\"url\": \"" + file.toUri() + "\"}");
    }

    /** Runs {@code script} (a function body; {@code arguments} are not used) and returns its value, parsed. */
    Object run(String script) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync",
                "{\"script\": " + quote(script) + ", \"args\": []}").get("value");
    }

    /** Moves the mouse to {@code (x, y)} CSS pixels from the centre of the element {@code id}, scrolled into view. */
    void hover(String id, int x, int y) throws IOException, InterruptedException {
        Map<?, ?> at = (Map<?, ?>) run("const e = document.getElementById('" + id + "');"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2)};");
        long px = ((Number) at.get("x")).longValue() + x;
        long py = ((Number) at.get("y")).longValue() + y;
        call("POST", "/session/" + session + "/actions", "{\"actions\": [{\"type\": \"pointer\", \"id\": \"mouse\","
                + "\"parameters\": {\"pointerType\": \"mouse\"}, \"actions\": [{\"type\": \"pointerMove\","
                + "\"duration\": 0, \"origin\": \"viewport\", \"x\": " + px + ", \"y\": " + py + "}]}]}");
    }

    /** The browser console's entries at level SEVERE (errors) since the last call. */
    List<String> consoleErrors() throws IOException, InterruptedException {
        Object entries = call("POST", "/session/" + session + "/se/log", "{\"type\": \"browser\"}").get("value");
        List<String> errors = new ArrayList<>();
        for (Object o : (List<?>) entries) {
            Map<?, ?> entry = (Map<?, ?>) o;
            if ("SEVERE".equals(entry.get("level"))) {
                errors.add(String.valueOf(entry.get("message")));
            }
        }
        return errors;
    }

    void screenshot(Path png) throws IOException, InterruptedException {
        String data = (String) call("GET", "/session/" + session + "/screenshot", null).get("value");
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /**
     * Quits the browser and deletes its profile. An interrupt becomes an IOException (the
     * interrupt flag kept): {@code close()} throwing InterruptedException draws a lint warning,
     * as try-with-resources could swallow it.
     */
    @Override
    public void close() throws IOException {
        try {
            quit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while quitting Chromium", e);
        }
    }

    private void quit() throws IOException, InterruptedException {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
            driver.waitFor();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void waitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<String, Object> status = call("GET", "/status", null);
                if (Boolean.TRUE.equals(((Map<?, ?>) status.get("value")).get("ready"))) {
                    return;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            Thread.sleep(100);
        }
        throw new IOException("chromedriver did not start within 30 s");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(response.body());
        if (response.statusCode() != 200) {
            throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return parsed;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
