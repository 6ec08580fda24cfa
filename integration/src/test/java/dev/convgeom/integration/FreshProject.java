package dev.convgeom.integration;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A project outside the build, as a user has it: the packaged jars (copied under their released
 * names by the POM), source files written to a directory, and the JDK's own {@code javac} and
 * {@code java} commands run on them.
 */
final class FreshProject {

    static final String VERSION = System.getProperty("convgeom.version");
    static final Path PACKAGED = Paths.get(System.getProperty("convgeom.packaged"));
    static final Path API_JAR = PACKAGED.resolve("convgeom-api-" + VERSION + ".jar");
    static final Path PROCESSOR_JAR = PACKAGED.resolve("convgeom-processor-" + VERSION + ".jar");
    static final Path EXAMPLES = Paths.get(System.getProperty("convgeom.examples"));
    private static final Path WORK = Paths.get(System.getProperty("convgeom.work"));
    private static final Path JDK = Paths.get(System.getProperty("java.home"));

    final Path dir;

    private FreshProject(Path dir) {
        this.dir = dir;
    }

    /** An empty project directory of this name (emptied if a previous run left one). */
    static FreshProject named(String name) {
        Path dir = WORK.resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FreshProject(dir);
    }

    /** Writes {@code text} to {@code relative} in the project. */
    Path write(String relative, String text) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Copies {@code file} into the project's {@code relativeDir}, keeping its name. */
    Path copy(Path file, String relativeDir) {
        try {
            Path target = dir.resolve(relativeDir).resolve(file.getFileName());
            Files.createDirectories(target.getParent());
            return Files.copy(file, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the JDK's {@code javac} in the project directory. */
    Run javac(List<String> args) {
        return run(JDK.resolve("bin/javac"), args);
    }

    /** Runs the JDK's {@code java} in the project directory. */
    Run java(List<String> args) {
        return run(JDK.resolve("bin/java"), args);
    }

    private Run run(Path tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Run(String.join(" ", command), process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The example networks' source files, every one of {@code example/src/main/java}. */
    static List<String> exampleSources() {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code root}, by its path relative to it, as bytes. */
    static Map<String, byte[]> files(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String path(Path... entries) {
        return String.join(File.pathSeparator, Stream.of(entries).map(Path::toString).toList());
    }

    /** One command: what ran, its exit code, and everything it printed. */
    record Run(String command, int exit, String output) {
        String describe() {
            return command + "\nexit " + exit + "\n" + output;
        }
    }
}
