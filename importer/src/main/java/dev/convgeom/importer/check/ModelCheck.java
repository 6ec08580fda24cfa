package dev.convgeom.importer.check;

import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Shape;
import dev.convgeom.importer.ImportException;
import dev.convgeom.importer.ModelImporter;
import dev.convgeom.importer.model.ImportedLayer;
import dev.convgeom.importer.model.NetworkCheck.Checked;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Checks a hand-written declaration against the model file it copies: the model is imported at the
 * declaration's input size and the two networks are compared layer by layer, kinds, windows,
 * channels, wiring, shapes and fields, naming the first difference in both vocabularies (the
 * declaration's field and annotation, the model's node and operator).
 *
 * <p>Layers that leave the geometry alone ({@code @Relu}, {@code @BatchNorm}, ...,
 * {@code @ChannelShuffle}, which only reorders channels) are compared through: a declaration may
 * leave them out, as the examples leave out Caffe's in-place layers. A {@code @Channels} selection
 * changes the channel count, so it is compared as a layer of its own, range included.
 *
 * <pre>{@code
 * @Test
 * void declarationMatchesTheModel() {
 *     ModelCheck.assertMatches(ResNet50Geometry.network(), Path.of("models/resnet50.onnx"));
 * }
 * }</pre>
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /**
     * Asserts that {@code declared} (a generated class's {@code network()}) declares the network in
     * {@code model}.
     *
     * @throws AssertionError naming the first difference, or why the model cannot be imported
     */
    public static void assertMatches(NetworkSpec declared, Path model) {
        String difference;
        try {
            difference = compare(declared, model, line -> { });
        } catch (ImportException e) {
            throw new AssertionError(model.getFileName() + " cannot be imported: " + e.getMessage(), e);
        }
        if (difference != null) {
            throw new AssertionError(difference);
        }
    }

    /**
     * The first difference between {@code declared} and {@code model}, or null when they declare the
     * same network.
     *
     * @throws ImportException if the model cannot be imported
     */
    public static String compare(NetworkSpec declared, Path model, Consumer<String> progress) throws ImportException {
        Checked imported = ModelImporter.read(model, declared.input(), declared.name(), progress);
        Shape in = declared.input();
        List<LayerGeometry> mine = declared.forInput(dev.convgeom.Size.of(in.width(), in.height()));
        List<Row> want = rows(declared.layers(), mine, null);
        List<Row> got = rows(imported.spec().layers(), imported.geometry(), imported.network().layers());
        String where = declared.name() + " vs " + model.getFileName() + ": ";
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            String difference = difference(want.get(i), got.get(i));
            if (difference != null) {
                return where + "layer " + (i + 1) + " (geometry-changing layers counted) differs: "
                        + describe(want.get(i), got.get(i)) + ": " + difference;
            }
        }
        if (want.size() != got.size()) {
            boolean declaredMore = want.size() > got.size();
            Row extra = declaredMore ? want.get(got.size()) : got.get(want.size());
            return where + (declaredMore ? "the declaration goes on after the model ends, with '"
                    + extra.spec().name() + "' (" + extra.spec().kind() + ")"
                    : "the model goes on after the declaration ends, with '" + extra.source() + "' (" + extra.op()
                    + "), declared as " + extra.spec().kind());
        }
        return null;
    }

    /**
     * The command line's {@code --check}: loads {@code geometryClass} from {@code classpath} and
     * compares its {@code network()} with {@code model}.
     */
    public static String compareWithClass(String geometryClass, String classpath, Path model, Shape input,
                                          Consumer<String> progress) throws ImportException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ImportException("--classpath entry '" + entry + "' is not a path", e);
            }
        }
        NetworkSpec declared;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ModelCheck.class.getClassLoader())) {
            Class<?> type = Class.forName(geometryClass, true, loader);
            declared = (NetworkSpec) type.getMethod("network").invoke(null);
        } catch (ClassNotFoundException e) {
            throw new ImportException("no class " + geometryClass + " on " + classpath
                    + " (give the generated ...Geometry class)", e);
        } catch (NoSuchMethodException | ClassCastException | IllegalAccessException e) {
            throw new ImportException(geometryClass + " is not a generated ...Geometry class (no static network())", e);
        } catch (InvocationTargetException e) {
            throw new ImportException(geometryClass + ".network() failed: " + e.getCause(), e);
        } catch (java.io.IOException e) {
            throw new ImportException("cannot read " + classpath + ": " + e.getMessage(), e);
        }
        if (input != null && !input.equals(declared.input())) {
            throw new ImportException("--input " + input + " differs from the declared input " + declared.input()
                    + "; the check compares at the declared size");
        }
        return compare(declared, model, progress);
    }

    /** A geometry-changing layer: its spec, geometry, what it reads (positions), and its origin. */
    private record Row(LayerSpec spec, LayerGeometry geometry, List<String> from, String like, String source,
                       String op) {
    }

    private static List<Row> rows(List<LayerSpec> specs, List<LayerGeometry> geometry, List<ImportedLayer> origin) {
        Map<String, String> position = new HashMap<>();
        position.put("input", "the input");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            List<String> from = spec.from().stream().map(position::get).toList();
            if (spec.isPointwise() && !spec.kind().equals("Channels")) {   // a selection changes the channels
                position.put(spec.name(), from.get(0));
                continue;
            }
            String like = spec.resize() != null && spec.resize().isCrop() ? position.get(spec.resize().like()) : null;
            position.put(spec.name(), "layer " + (rows.size() + 1));
            rows.add(new Row(spec, geometry.get(i), from, like, origin == null ? spec.name() : origin.get(i).source(),
                    origin == null ? spec.kind() : origin.get(i).op()));
        }
        return rows;
    }

    private static String describe(Row declared, Row model) {
        return "declared '" + declared.spec().name() + "' (@" + declared.spec().kind() + "), in the model '"
                + model.source() + "' (" + model.op() + ", declared as @" + model.spec().kind() + ")";
    }

    private static String difference(Row a, Row b) {
        LayerSpec x = a.spec();
        LayerSpec y = b.spec();
        if (!x.kind().equals(y.kind())) {
            return "kind @" + x.kind() + " vs @" + y.kind();
        }
        if (!a.from().equals(b.from())) {
            return "reads " + a.from() + " vs " + b.from();
        }
        if (!Objects.equals(a.like(), b.like())) {
            return "crops to the size of " + a.like() + " vs " + b.like();
        }
        if (!Objects.equals(x.y(), y.y()) || !Objects.equals(x.x(), y.x())) {
            return "window " + x + " vs " + y;
        }
        if (x.firstChannel() != y.firstChannel()) {
            return "channels " + x + " vs " + y;
        }
        if (x.groups() != y.groups()) {
            return "groups " + x.groups() + " vs " + y.groups();
        }
        if (!Objects.equals(x.resize(), y.resize()) && !(x.resize() != null && x.resize().isCrop())) {
            return x + " vs " + y;
        }
        Shape s = a.geometry().output();
        Shape t = b.geometry().output();
        if (s.height() != t.height() || s.width() != t.width() || (s.hasChannels() && s.channels() != t.channels())) {
            return "output " + s + " vs " + t;
        }
        if (!a.geometry().y().equals(b.geometry().y())) {
            return "along the rows, " + a.geometry().y() + " vs " + b.geometry().y();
        }
        if (!a.geometry().x().equals(b.geometry().x())) {
            return "along the columns, " + a.geometry().x() + " vs " + b.geometry().x();
        }
        return null;
    }
}
