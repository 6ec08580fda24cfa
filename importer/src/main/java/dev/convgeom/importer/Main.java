package dev.convgeom.importer;

import dev.convgeom.Shape;
import dev.convgeom.importer.check.ModelCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line.
 *
 * <pre>
 * java -jar convgeom-import.jar MODEL --package P --class NAME --out DIR [--input CxHxW]
 * java -jar convgeom-import.jar MODEL --check GEOMETRY_CLASS --classpath DIR_OR_JAR [--input CxHxW]
 * </pre>
 *
 * <p>The first writes {@code DIR/<P as folders>/NAME.java}; the second compares the network a
 * generated {@code ...Geometry} class declares with the model, layer by layer, and names the first
 * difference. Exit status 0 on success, 1 when the model cannot be imported or differs, 2 for a
 * wrong command line. On failure nothing is written.
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar convgeom-import.jar MODEL --package P --class NAME --out DIR [--input CxHxW]
                   java -jar convgeom-import.jar MODEL --check GEOMETRY_CLASS --classpath PATH [--input CxHxW]
              MODEL         an ONNX file (.onnx) or a Caffe deploy prototxt
              --package P   the package of the generated class (may be empty: "")
              --class NAME  the class's simple name; the processor then generates NAMEGeometry
              --out DIR     the source root: writes DIR/<P as folders>/NAME.java
              --input CxHxW the input to declare, where the model's height or width is symbolic or
                            another size is wanted (e.g. 3x224x224)
              --check CLASS compare the network of a compiled ...Geometry class with MODEL instead
              --classpath   where that class is compiled (directories and jars, separated by ':')""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String model = null;
        String pkg = null;
        String cls = null;
        String dir = null;
        String input = null;
        String check = null;
        String classpath = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    return usage(err, a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--package" -> pkg = v;
                    case "--class" -> cls = v;
                    case "--out" -> dir = v;
                    case "--input" -> input = v;
                    case "--check" -> check = v;
                    case "--classpath" -> classpath = v;
                    default -> {
                        return usage(err, "unknown option " + a);
                    }
                }
            } else if (model == null) {
                model = a;
            } else {
                return usage(err, "one model at a time: " + model + " and " + a);
            }
        }
        if (model == null) {
            return usage(err, "no MODEL given");
        }
        Shape size;
        try {
            size = input == null ? null : parseInput(input);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Path modelPath = Path.of(model);
        if (check != null) {
            if (classpath == null) {
                return usage(err, "--check needs --classpath");
            }
            try {
                String difference = ModelCheck.compareWithClass(check, classpath, modelPath, size,
                        line -> err.println("convgeom-import: " + line));
                if (difference == null) {
                    out.println(check + " matches " + modelPath.getFileName() + " layer by layer");
                    return 0;
                }
                err.println(difference);
                return 1;
            } catch (ImportException e) {
                err.println("convgeom-import: " + modelPath.getFileName() + ": " + e.getMessage());
                return 1;
            }
        }
        if (pkg == null || cls == null || dir == null) {
            return usage(err, "--package, --class and --out are required");
        }
        if (!(pkg.isEmpty() || pkg.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*"))) {
            return usage(err, "--package '" + pkg + "' is not a Java package name");
        }
        if (!cls.matches("[A-Za-z_$][\\w$]*")) {
            return usage(err, "--class '" + cls + "' is not a Java class name");
        }
        long start = System.nanoTime();
        String source;
        try {
            source = ModelImporter.toJava(modelPath, size, pkg, cls, line -> err.println("convgeom-import: " + line));
        } catch (ImportException e) {
            err.println("convgeom-import: " + modelPath.getFileName() + ": " + e.getMessage());
            err.println("convgeom-import: nothing written");
            return 1;
        }
        Path target = Path.of(dir).resolve(pkg.replace('.', '/')).resolve(cls + ".java");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("convgeom-import: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
        err.printf("convgeom-import: wrote %s in %.1f s%n", target, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static final Pattern INPUT = Pattern.compile("(\\d+)x(\\d+)x(\\d+)");

    /** {@code 3x224x224}: channels, height, width, each at least 1. */
    static Shape parseInput(String text) {
        Matcher m = INPUT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--input '" + text + "' is not CxHxW (e.g. 3x224x224)");
        }
        try {
            Shape s = new Shape(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (s.channels() < 1 || s.height() < 1 || s.width() < 1) {
                throw new IllegalArgumentException("--input '" + text + "': every size must be at least 1");
            }
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--input '" + text + "': a size is too large");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("convgeom-import: " + problem);
        err.println(USAGE);
        return 2;
    }
}
