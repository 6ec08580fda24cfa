package dev.convgeom.processor.writing;

import dev.convgeom.LayerSpec;
import dev.convgeom.Literals;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Ratio;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.EffectiveFields.LayerField;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.NetworkInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generates {@code <Model>Geometry}: the network's {@code NetworkSpec}, one {@code LayerGeometry}
 * constant per layer built from literals computed at compile time, the ordered list of layers,
 * lookup by name, the outputs, static mapping shortcuts for each output written as plain arithmetic
 * on literals, the effective fields, and the questions about other input sizes.
 *
 * <p>The per-layer part is what a build pays for, in this processor and again in javac, which
 * compiles it: so each layer is one line of the spec, one line of numbers in the form
 * {@link Literals#layer} reads ({@code 16 12 10 | 2 1/2 -5 6 | 2 1/2 -6 7}), both in text blocks
 * that {@code NetworkGeometry.of} reads when the class loads, one table row in the class Javadoc,
 * and one constant whose initializer is {@code geometry.layer(3)}: data, not code, which javac
 * only has to copy into the constant pool. The constant's own Javadoc says how it was declared
 * and leaves the numbers to the table.
 *
 * <p>What is the same in every network, the lookups by name and the effective fields' checks, is
 * written once in the API's {@code NetworkGeometry}: the class holds one, built from those texts,
 * and its lookups are one-line delegations whose Javadoc links there, so that javac compiles that
 * code once, not once per network.
 *
 * <p>Private fields have lower-case names: a layer's constant is its name in upper case, so no
 * layer name can clash with them.
 *
 * <p>A method's bytecode is limited to 64 KiB, and a class initializer that builds thousands of
 * constants would pass it; a string literal is limited to 65,535 bytes. Large networks therefore
 * hold their spec lines and build their constants in nested holder classes of at most
 * {@value #CHUNK} layers and 60,000 characters of spec lines each ({@code Layers0}, ...), and the public constants only copy them.
 */
public final class GeometryClassWriter {

    /** Layers per holder class; keeps every class initializer and string literal far below its limit. */
    static final int CHUNK = 256;

    /** A string literal's limit is 65,535 bytes of modified UTF-8; the geometry lines are ASCII. */
    private static final int MAX_LITERAL_CHARS = 60_000;

    private final String modelName;
    private final String modelSimpleName;
    private final String packageName;
    private final String simpleName;
    private final String processorName;
    private final GeometryResult geometry;
    private final List<String> constants;
    private final List<String> declarations;
    private final boolean chunked;
    /** The first layer of each holder class, in order (when {@link #chunked}). */
    private final List<Integer> holderStarts;
    private final NetworkSpec runtime;
    private final InputSizes sizes;
    private final EffectiveFieldMethod effective;
    /** Whether the outputs differ from the default, the layers no other layer reads. */
    private final boolean declaredOutputs;
    /**
     * Each layer's spec line and geometry line once made: the lengths that decide the class's
     * layout and the text itself both read them (each line was made two or three times).
     */
    private final String[] specLines;
    private final String[] geometryLines;

    /**
     * @param modelName       the {@code @Network} type's canonical name, for links
     * @param modelSimpleName its simple name, the network's name
     * @param packageName     the package of the class to generate, "" for the default package
     * @param simpleName      the simple name of the class to generate
     * @param processorName   the processor's name, for {@code @Generated}
     * @param geometry        the network's geometry, free of errors
     * @param constants       each layer's constant name
     * @param declarations    each layer's annotation as written, for the constants' Javadoc
     * @param runtime         the network as generated code rebuilds it ({@link RuntimeSpecs#of})
     * @param sizes           the smallest and the exact input sizes, found once per network
     * @param effective       each layer's effective field, null where too large to compute
     * @param declaredOutputs whether {@code runtime}'s outputs differ from the default, the layers no
     *                        other layer reads ({@link #declaredOutputs(NetworkSpec, boolean)})
     */
    public GeometryClassWriter(String modelName, String modelSimpleName, String packageName, String simpleName,
                               String processorName, GeometryResult geometry, List<String> constants,
                               List<String> declarations, NetworkSpec runtime, InputSizes sizes,
                               List<LayerField> effective, boolean declaredOutputs) {
        this.modelName = modelName;
        this.modelSimpleName = modelSimpleName;
        this.packageName = packageName;
        this.simpleName = simpleName;
        this.processorName = processorName;
        this.geometry = geometry;
        this.constants = List.copyOf(constants);
        this.declarations = List.copyOf(declarations);
        this.runtime = runtime;
        this.specLines = new String[geometry.layers().size()];
        this.geometryLines = new String[geometry.layers().size()];
        this.chunked = geometry.layers().size() > CHUNK || geometryChars() > MAX_LITERAL_CHARS
                || specChars(0, geometry.layers().size()) > MAX_LITERAL_CHARS;
        this.holderStarts = holderStarts();
        this.sizes = sizes;
        this.effective = new EffectiveFieldMethod(effective);
        this.declaredOutputs = declaredOutputs;
    }

    /**
     * Whether {@code runtime}'s outputs differ from the default, the layers no other layer reads;
     * {@code declared}: whether {@code @Network} declares outputs. Without a declaration the spec
     * has the default outputs (RuntimeSpecs), so the whole network spec built again to compare
     * (its graph and size search: a few percent of a 5,000-layer network's processor time) is
     * built only where outputs are declared.
     */
    public static boolean declaredOutputs(NetworkSpec runtime, boolean declared) {
        return declared && !runtime.outputs().equals(
                new NetworkSpec(runtime.name(), runtime.input(), runtime.layers()).outputs());
    }

    /** The Java source of the class. */
    public String write() {
        return source().toString();
    }

    /**
     * The Java source of a class, kept as its two parts (the package and imports, known only once
     * the body is written, and the body): the processor writes them to the filer one after the
     * other, where one string of the whole would copy megabytes twice more.
     */
    public static final class Source {

        private final SourceText header;
        private final SourceText body;

        private Source(SourceText header, SourceText body) {
            this.header = header;
            this.body = body;
        }

        /** The source to {@code out}, the same characters as {@link #toString()}. */
        public void writeTo(java.io.Writer out) throws java.io.IOException {
            header.writeTo(out);
            body.writeTo(out);
        }

        /** The source as one string. */
        @Override
        public String toString() {
            return new SourceText(header.length() + body.length()).append(header).append(body).toString();
        }
    }

    /** The Java source of the class, in parts: as {@link #write()}, without the string. */
    public Source source() {
        List<ComputedLayer> layers = geometry.layers();
        ImportedNames names = new ImportedNames(simpleName);
        // The examples: 10 to 15 thousand characters besides about 410 a layer, as a deep chain: room
        // for them all, so that the text is not copied to grow.
        SourceText body = new SourceText(12_288 + 448 * layers.size());
        NetworkInput in = geometry.input();

        ClassJavadoc.write(body, modelName, modelSimpleName, geometry, constants);
        body.line("@" + names.of("javax.annotation.processing.Generated") + "(" + Numbers.stringLiteral(processorName)
                + ")");
        body.open("public final class " + simpleName);

        if (chunked) {
            chunkedConstants(body, names);
        } else {
            constants(body, names);
        }
        List<Integer> outputs = outputIndices();
        body.line("");
        body.line("/** The declared input's width and height, for clipping. */");
        body.line("private static final " + names.api("Size") + " " + OutputShortcuts.INPUT_SIZE + " = "
                + names.api("Size") + ".of(" + in.width() + ", " + in.height() + ");");
        body.line("");
        body.line("/** Not instantiated: the class holds constants and static methods. */");
        body.open("private " + simpleName + "()").close();
        effective.writeMethod(body, names);
        accessors(body, names);
        outputAccessors(body, names, outputs);
        int primary = outputs.get(0);
        new OutputShortcuts(layers.get(primary), constants.get(primary), in, "").write(body, names);
        if (outputs.size() > 1) {
            for (int output : outputs) {
                new OutputShortcuts(layers.get(output), constants.get(output), in, layers.get(output).spec().name())
                        .write(body, names);
            }
        }
        new InputSizeMethods(runtime, sizes).write(body, names);
        body.close();

        SourceText file = new SourceText(1024);
        if (!packageName.isEmpty()) {
            file.line("package " + packageName + ";").line("");
        }
        for (String type : names.imports()) {
            file.line("import " + type + ";");
        }
        return new Source(file.line(""), body);
    }

    /**
     * Up to {@value #CHUNK} layers: one {@code NetworkGeometry} built from two text blocks, the spec's
     * lines and the layers' geometry, a line per layer; each constant is a call with its index.
     */
    private void constants(SourceText body, ImportedNames names) {
        List<ComputedLayer> layers = geometry.layers();
        String layerGeometry = names.api("LayerGeometry");
        String networkGeometry = names.api("NetworkGeometry");
        body.line("/** The layers as declared and their geometry, one line each: the lookups delegate to it. */");
        specStart(body.start().append("private static final ").append(networkGeometry).append(" geometry = ")
                .append(networkGeometry).append(".of("), names).append("\"\"\"\n");
        specLines(body, 0, layers.size(), false);
        body.line("\"\"\"), \"\"\"");
        for (int i = 0; i < layers.size(); i++) {
            body.line(geometryLine(i));
        }
        body.line("\"\"\", " + effective.table() + ");");
        body.line("/** The layers as declared: {@link #network()}. */");
        body.line("private static final " + names.api("NetworkSpec") + " spec = geometry.spec();");
        body.line("");
        body.line("/** The network input, " + shape(geometry.input()) + ": every pixel is its own field. */");
        body.line("public static final " + layerGeometry + " INPUT = geometry.input();");
        body.line("");
        for (int i = 0; i < layers.size(); i++) {
            constantJavadoc(body, i);
            body.start().append("public static final ").append(layerGeometry).append(' ').append(constants.get(i))
                    .append(" = geometry.layer(").append(i).append(");\n");
        }
    }

    /** {@code /** ... *}{@code /}: layer {@code i}'s constant's Javadoc, on one line. */
    private void constantJavadoc(SourceText body, int i) {
        ClassJavadoc.constant(body.start().append("/** "), geometry.layers().get(i), declarations.get(i))
                .append(" */\n");
    }

    /** The geometry lines' length in all, line breaks included: one text block must hold them. */
    private long geometryChars() {
        long chars = 0;
        for (int i = 0; i < geometry.layers().size(); i++) {
            chars += geometryLine(i).length() + 1;
        }
        return chars;
    }

    /** The spec lines' length from layer {@code start} to {@code end} (exclusive), line breaks included. */
    private long specChars(int start, int end) {
        long chars = 0;
        for (int i = start; i < end; i++) {
            chars += specLine(i).length() + 1;
        }
        return chars;
    }

    /**
     * Where each holder class starts: after {@value #CHUNK} layers, or earlier where its spec lines
     * would pass one string literal's limit (DenseNet-201's concatenations name every earlier layer
     * of their block, so 256 of its lines take 67,000 characters).
     */
    private List<Integer> holderStarts() {
        List<Integer> starts = new ArrayList<>(List.of(0));
        long chars = 0;
        for (int i = 0; i < geometry.layers().size(); i++) {
            long line = specLine(i).length() + 1;
            if (i - starts.get(starts.size() - 1) == CHUNK || chars + line > MAX_LITERAL_CHARS && chars > 0) {
                starts.add(i);
                chars = 0;
            }
            chars += line;
        }
        return List.copyOf(starts);
    }

    /** {@code Literals.network("Net", "3 24 20", [List.of("out"), ]}: the spec's call up to its lines. */
    private StringBuilder specStart(StringBuilder s, ImportedNames names) {
        NetworkInput in = geometry.input();
        s.append(names.api("Literals")).append(".network(").append(Numbers.stringLiteral(modelSimpleName))
                .append(", \"").append(in.channels()).append(' ').append(in.height()).append(' ').append(in.width())
                .append("\", ");
        if (hasDeclaredOutputs()) {
            s.append(names.of("java.util.List")).append(".of(");
            for (int i = 0; i < runtime.outputs().size(); i++) {
                s.append(i == 0 ? "" : ", ").append(Numbers.stringLiteral(runtime.outputs().get(i)));
            }
            s.append("), ");
        }
        return s;
    }

    /**
     * More than {@value #CHUNK} layers: the spec's lines and the constants in holder classes (see the
     * class comment), the public constants copying them.
     */
    private void chunkedConstants(SourceText body, ImportedNames names) {
        List<ComputedLayer> layers = geometry.layers();
        String layerGeometry = names.api("LayerGeometry");
        body.line("/** The layers as declared, one line each: {@link #network()}. */");
        StringBuilder spec = specStart(body.start().append("private static final ").append(names.api("NetworkSpec"))
                .append(" spec = "), names);
        for (int start : holderStarts) {
            spec.append(start == 0 ? "" : ", ").append(holderName(start)).append(".SPEC");
        }
        spec.append(");\n");
        body.line("");
        body.line("/** The network input, " + shape(geometry.input()) + ": every pixel is its own field. */");
        body.line("public static final " + layerGeometry + " INPUT = " + names.api("Literals") + ".input(spec);");
        body.line("");
        for (int i = 0; i < layers.size(); i++) {
            constantJavadoc(body, i);
            int holder = holder(i);
            body.start().append("public static final ").append(layerGeometry).append(' ').append(constants.get(i))
                    .append(" = Layers").append(holder).append(".L").append(i - holderStarts.get(holder))
                    .append(";\n");
        }
        for (int k = 0; k < holderStarts.size(); k++) {
            holder(body, names, holderStarts.get(k), k + 1 < holderStarts.size() ? holderStarts.get(k + 1) : layers.size());
        }
        body.line("");
        body.line("/** Its layers in order and by name, its outputs and effective fields: the lookups delegate to it. */");
        StringBuilder all = body.start().append("private static final ").append(names.api("NetworkGeometry"))
                .append(" geometry = ").append(names.api("NetworkGeometry")).append(".of(INPUT, concat(");
        for (int start : holderStarts) {
            all.append(start == 0 ? "" : ", ").append(holderName(start)).append(".all");
        }
        all.append("), ").append(effective.table()).append(");\n");
    }

    /** The layers' lines, {@code ^} for a read of the layer before; a holder's one level out, to keep them short. */
    private void specLines(SourceText body, int start, int end, boolean outdented) {
        for (int i = start; i < end; i++) {
            String line = specLine(i);
            if (outdented) {
                body.outdented(line);
            } else {
                body.line(line);
            }
        }
    }

    /** Layer {@code i}'s line of the spec, {@code ^} for a read of the layer before. */
    private String specLine(int i) {
        if (specLines[i] == null) {
            specLines[i] = Literals.line(runtime.layers().get(i), i == 0 ? "input" : runtime.layers().get(i - 1).name());
        }
        return specLines[i];
    }

    /** {@code 16 12 10 | 2 1/2 -5 6 | 2 1/2 -6 7}: layer {@code index}'s numbers as {@link Literals#layer} reads them. */
    private String geometryLine(int index) {
        if (geometryLines[index] == null) {
            geometryLines[index] = makeGeometryLine(index);
        }
        return geometryLines[index];
    }

    private String makeGeometryLine(int index) {
        ComputedLayer layer = geometry.layers().get(index);
        StringBuilder s = new StringBuilder(96)
                .append(layer.hasChannels() ? Long.toString(layer.channels()) : "?").append(' ')
                .append(layer.y().size()).append(' ').append(layer.x().size()).append(" | ");
        int rows = s.length();
        axis(s, layer.y());
        String y = s.substring(rows);
        StringBuilder x = new StringBuilder(48);
        axis(x, layer.x());
        if (!x.toString().equals(y)) {
            boolean sameSteps = layer.x().jump().equals(layer.y().jump())
                    && layer.x().center().equals(layer.y().center());
            s.append(" | ");
            if (sameSteps) {
                fields(s, layer.x());
            } else {
                s.append(x);
            }
        }
        return s.toString();
    }

    /** {@code jump center lo hi}, and after upsampling the fields of one period: {@code lo hi, lo hi, ...}. */
    static void axis(StringBuilder s, AxisState a) {
        ratio(s, a.jump());
        s.append(' ');
        ratio(s, a.center());
        s.append(' ');
        fields(s, a);
    }

    /** {@code lo hi}, or the fields of one period: {@code lo hi, lo hi, ...}; then {@code ~ lo hi}, a context. */
    private static void fields(StringBuilder s, AxisState a) {
        long[] lo = a.field().los();
        long[] hi = a.field().his();
        for (int r = 0; r < lo.length; r++) {
            s.append(r == 0 ? "" : ", ").append(lo[r]).append(' ').append(hi[r]);
        }
        if (!a.context().isNone()) {
            s.append(" ~ ").append(a.context().lo()).append(' ').append(a.context().hi());
        }
    }

    private static void ratio(StringBuilder s, Ratio r) {
        s.append(r.numerator());
        if (!r.isInteger()) {
            s.append('/').append(r.denominator());
        }
    }

    private void holder(SourceText body, ImportedNames names, int start, int end) {
        String layerGeometry = names.api("LayerGeometry");
        body.line("");
        body.line("/** Layers " + start + " to " + (end - 1) + ", built apart to keep each class initializer small. */");
        body.open("private static final class " + holderName(start));
        body.line("/** Their lines of the spec. */");
        body.line("static final String SPEC = \"\"\"");
        specLines(body, start, end, true);
        body.outdented("\"\"\";");
        // One declaration for them all: one comment serves every variable it declares. Short names,
        // L0 to L255: the public constants copy them, each with its own Javadoc.
        body.line("/** Layers " + start + " to " + (end - 1) + ", copied by the public constants. */");
        // Each Literals.layer(spec, 3, "16 12 10 | 2 1/2 -5 6 | 2 1/2 -6 7"), appended in place.
        body.line("static final " + layerGeometry);
        String literals = names.api("Literals");
        for (int i = start; i < end; i++) {
            body.start().append("    L").append(i - start).append(" = ").append(literals).append(".layer(spec, ")
                    .append(i).append(", \"").append(geometryLine(i)).append("\")").append(i == end - 1 ? ";\n" : ",\n");
        }
        body.line("/** Them, in order. */");
        StringBuilder all = body.start().append("static final ").append(layerGeometry).append("[] all = {");
        for (int i = start; i < end; i++) {
            all.append(i == start ? "" : ", ").append('L').append(i - start);
        }
        all.append("};\n");
        body.line("");
        body.line("/** Not instantiated. */");
        body.open("private " + holderName(start) + "()").close();
        body.close();
    }

    /** The holder class of layer {@code index}. */
    private String holderName(int index) {
        return "Layers" + holder(index);
    }

    private int holder(int index) {
        int k = Collections.binarySearch(holderStarts, index);
        return k >= 0 ? k : -k - 2;
    }

    /** The outputs' layer indices, the primary output first, as the runtime spec names them. */
    private List<Integer> outputIndices() {
        List<String> layerNames = runtime.layers().stream().map(LayerSpec::name).toList();
        return runtime.outputs().stream().map(layerNames::indexOf).toList();
    }

    /** Whether the outputs differ from the default, the layers no other layer reads. */
    private boolean hasDeclaredOutputs() {
        return declaredOutputs;
    }

    private void outputAccessors(SourceText body, ImportedNames names, List<Integer> outputs) {
        String layerGeometry = names.api("LayerGeometry");
        String primary = constants.get(outputs.get(0));
        String listed = String.join(", ", outputs.stream().map(i -> "{@link #" + constants.get(i) + "}").toList());
        body.line("");
        body.javadoc("The network's primary output, {@link #" + primary + "}: "
                + (outputs.size() == 1
                ? (hasDeclaredOutputs() ? "its one declared output" : "its last layer, which no other"
                        + " layer reads")
                : hasDeclaredOutputs() ? "the first of its declared outputs, " + listed
                : "its last layer, the first of the layers no other layer reads (@Network declares no outputs), "
                        + listed)
                + ". The unprefixed static mapping methods of this class work on it.\n\n"
                + "@return the primary output's geometry");
        body.open("public static " + layerGeometry + " output()").line("return " + primary + ";").close();
        body.line("");
        body.javadoc("The network's outputs, primary first: " + listed + ".\n\n@return every output's geometry");
        body.open("public static " + names.of("java.util.List") + "<" + layerGeometry + "> outputs()")
                .line("return geometry.outputs();").close();
    }

    private void accessors(SourceText body, ImportedNames names) {
        String layerGeometry = names.api("LayerGeometry");
        String list = names.of("java.util.List");
        body.line("");
        body.javadoc("Every layer, in declaration order; {@link #INPUT} is not among them.\n\n"
                + "@return the layers' constants, in order");
        body.open("public static " + list + "<" + layerGeometry + "> layers()").line("return geometry.layers();")
                .close();
        body.line("");
        body.javadoc("The layer named {@code name} (its field's name), or {@link #INPUT} for {@code \"input\"}"
                + " (see {@link " + names.api("NetworkGeometry") + "#layer(String)}).\n\n"
                + "@param name the layer's name\n@return the layer's constant");
        body.open("public static " + layerGeometry + " layer(String name)").line("return geometry.layer(name);")
                .close();
        body.line("");
        body.javadoc("The layers as declared, with the questions about other input sizes.\n\n"
                + "@return the network's spec");
        body.open("public static " + names.api("NetworkSpec") + " network()").line("return spec;").close();
        if (chunked) {
            body.line("");
            body.javadoc("The holders' layers in one list.\n\n@param <T> the element type\n"
                    + "@param parts the holders' arrays, in order\n@return their elements, in order");
            body.line("@SafeVarargs");
            body.open("private static <T> " + list + "<T> concat(T[]... parts)")
                    .line(list + "<T> all = new " + names.of("java.util.ArrayList") + "<>();")
                    .open("for (T[] part : parts)")
                    .line("all.addAll(" + names.of("java.util.Arrays") + ".asList(part));")
                    .close()
                    .line("return " + list + ".copyOf(all);")
                    .close();
        }
    }

    private static String shape(NetworkInput in) {
        return in.channels() + "\u00d7" + in.height() + "\u00d7" + in.width();
    }
}
