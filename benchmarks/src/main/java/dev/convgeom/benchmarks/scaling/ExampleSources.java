package dev.convgeom.benchmarks.scaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "networks like the examples" of issue 10, literally: the example module's {@code @Network}
 * classes (CaffeNet, VGG-16, GoogLeNet, ResNet-50, MobileNet, the FCNs, ...), compiled as they
 * are. Only the files that declare a network are taken: the module's other classes ({@code Main},
 * {@code Detection}) use the generated classes, so javac alone ({@code -proc:none}) could not
 * compile them, and they are not the processor's input.
 */
final class ExampleSources {

    /** Where the example module's networks are, from the repository's root. */
    static final String DEFAULT = "example/src/main/java/dev/convgeom/example";
    /** The system property that hands {@link #directory} to a cold compile's fresh JVM. */
    static final String PROPERTY = "convgeom.scaling.examples";

    static Path directory = Path.of(System.getProperty(PROPERTY, DEFAULT));

    /** A layer: each one is declared as an annotated {@code Object} field. */
    private static final Pattern LAYER = Pattern.compile("\\bObject\\s+\\w+\\s*;");

    private ExampleSources() {
    }

    /** The configuration that stands for them: as many networks as there are, layers 0. */
    static ProcessorScaling.Config config() {
        return new ProcessorScaling.Config(sources().size(), 0);
    }

    /** The layers of all of them together. */
    static int layers() {
        int layers = 0;
        for (Path file : sources()) {
            Matcher m = LAYER.matcher(read(file));
            while (m.find()) {
                layers++;
            }
        }
        return layers;
    }

    /** Copies them under {@code dir}, in their package's directories; returns the copies. */
    static List<Path> copyTo(Path dir) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("dev/convgeom/example"));
        List<Path> copies = new ArrayList<>();
        for (Path file : sources()) {
            copies.add(Files.copy(file, pkg.resolve(file.getFileName())));
        }
        return copies;
    }

    /** The {@code .java} files in {@link #directory} that declare a network, by name. */
    private static List<Path> sources() {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no example sources at " + directory.toAbsolutePath()
                    + ": run from the repository's root or give --examples-dir");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> networks = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("\n@Network(")).sorted().toList();
            if (networks.isEmpty()) {
                throw new IllegalArgumentException("no @Network class in " + directory.toAbsolutePath());
            }
            return networks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
