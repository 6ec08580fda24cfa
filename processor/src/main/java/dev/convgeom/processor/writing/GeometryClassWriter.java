package dev.convgeom.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.convgeom.LayerSpec;
import dev.convgeom.NetworkSpec;
import dev.convgeom.Resize;
import dev.convgeom.Shape;
import dev.convgeom.engine.AxisState;
import dev.convgeom.engine.ComputedLayer;
import dev.convgeom.engine.GeometryResult;
import dev.convgeom.engine.NetworkInput;
import dev.convgeom.Ratio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.convgeom.engine.EffectiveFields.LayerField;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Model>Geometry}: the network's {@code NetworkSpec}, one {@code LayerGeometry}
 * constant per layer built from literals computed at compile time, the ordered list of layers,
 * lookup by name, the outputs, static mapping shortcuts for each output written as plain arithmetic
 * on literals, and the questions about other input sizes.
 *
 * <p>Private fields have lower-case names: a layer's constant is its name in upper case, so no
 * layer name can clash with them.
 *
 * <p>A method's bytecode is limited to 64 KiB, and a class initializer that builds thousands of
 * constants would pass it. Large networks therefore build their specs and constants in nested
 * holder classes of {@value #CHUNK} layers each ({@code Specs0}, {@code Layers0}, ...), and the
 * public constants only copy them. Specs live apart from the layers because the layers refer to
 * the finished spec.
 */
public final class GeometryClassWriter {

    /** Layers per holder class; keeps every class initializer far below the 64 KiB limit. */
    static final int CHUNK = 256;

    private static final ClassName LAYER_GEOMETRY = ApiTypes.LAYER_GEOMETRY;
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final TypeName LAYER_LIST = ParameterizedTypeName.get(ClassName.get(List.class), LAYER_GEOMETRY);
    private static final TypeName LAYER_MAP = ParameterizedTypeName.get(
            ClassName.get(Map.class), ClassName.get(String.class), LAYER_GEOMETRY);

    private final ClassName model;
    private final ClassName generated;
    private final String processorName;
    private final GeometryResult geometry;
    private final List<String> constants;
    private final List<String> declarations;
    private final boolean chunked;
    private final NetworkSpec runtime;
    private final InputSizes sizes;
    private final EffectiveFieldMethod effective;

    /**
     * @param model         the {@code @Network} type, for links
     * @param generated     the class to generate
     * @param processorName the processor's name, for {@code @Generated}
     * @param geometry      the network's geometry, free of errors
     * @param constants     each layer's constant name
     * @param declarations  each layer's annotation as written, for the constants' Javadoc
     * @param runtime       the network as generated code rebuilds it ({@link RuntimeSpecs#of})
     * @param sizes         the smallest and the exact input sizes, found once per network
     * @param effective     each layer's effective field, null where too large to compute
     */
    public GeometryClassWriter(ClassName model, ClassName generated, String processorName, GeometryResult geometry,
                               List<String> constants, List<String> declarations, NetworkSpec runtime,
                               InputSizes sizes, List<LayerField> effective) {
        this.model = model;
        this.generated = generated;
        this.processorName = processorName;
        this.geometry = geometry;
        this.constants = List.copyOf(constants);
        this.declarations = List.copyOf(declarations);
        this.chunked = geometry.layers().size() > CHUNK;
        this.runtime = runtime;
        this.sizes = sizes;
        this.effective = new EffectiveFieldMethod(effective, model.simpleName());
    }

    /** The Java file, with {@code origin} as its originating element (for incremental builds). */
    public JavaFile write(Element origin) {
        List<ComputedLayer> layers = geometry.layers();
        TypeSpec.Builder type = TypeSpec.classBuilder(generated)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(origin)
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", processorName).build())
                .addJavadoc("$L", ClassJavadoc.of(model, geometry, constants));

        // The spec first: every LayerGeometry below refers to it.
        type.addField(FieldSpec.builder(ApiTypes.NETWORK_SPEC, "spec", Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .initializer(networkSpec())
                .build());
        type.addField(FieldSpec.builder(LAYER_GEOMETRY, "INPUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L", "The network input, " + shape(geometry.input()) + ": every pixel is its own field.\n")
                .initializer(inputGeometry())
                .build());
        for (int i = 0; i < layers.size(); i++) {
            CodeBlock init = chunked
                    ? CodeBlock.of("$N.$N", holderName("Layers", i / CHUNK), constants.get(i))
                    : layerGeometry(i);
            type.addField(FieldSpec.builder(LAYER_GEOMETRY, constants.get(i), Modifier.PUBLIC, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("$L", ClassJavadoc.constant(layers.get(i), declarations.get(i)))
                    .initializer(init)
                    .build());
        }
        if (chunked) {
            for (int start = 0; start < layers.size(); start += CHUNK) {
                int end = Math.min(start + CHUNK, layers.size());
                type.addType(specHolder(start, end));
                type.addType(layerHolder(start, end));
            }
        }
        type.addField(FieldSpec.builder(LAYER_LIST, "layerList", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(chunked ? concat("Layers")
                        : CodeBlock.of("$T.of($L)", List.class, constantList(0, layers.size())))
                .build());
        type.addField(FieldSpec.builder(LAYER_MAP, "byName", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("indexByName()")
                .build());
        List<Integer> outputs = outputIndices();
        type.addField(FieldSpec.builder(LAYER_LIST, "outputList", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$T.of($L)", List.class, CodeBlock.join(outputs.stream()
                        .map(i -> CodeBlock.of("$N", constants.get(i))).toList(), ", "))
                .build());
        type.addField(FieldSpec.builder(ApiTypes.SIZE, OutputShortcuts.INPUT_SIZE, Modifier.PRIVATE, Modifier.STATIC,
                        Modifier.FINAL)
                .initializer("$T.of($L, $L)", ApiTypes.SIZE, geometry.input().width(), geometry.input().height())
                .build());
        type.addField(effective.field());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(effective.method());
        type.addMethods(accessors(layers));
        type.addMethods(outputAccessors(outputs));
        int primary = outputs.get(0);
        type.addMethods(new OutputShortcuts(layers.get(primary), constants.get(primary), geometry.input(), "").methods());
        if (outputs.size() > 1) {
            for (int output : outputs) {
                type.addMethods(new OutputShortcuts(layers.get(output), constants.get(output), geometry.input(),
                        layers.get(output).spec().name()).methods());
            }
        }
        type.addMethods(new InputSizeMethods(runtime, sizes).methods());
        return JavaFile.builder(generated.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    /** The outputs' layer indices, the primary output first, as the runtime spec names them. */
    private List<Integer> outputIndices() {
        List<String> names = runtime.layers().stream().map(LayerSpec::name).toList();
        return runtime.outputs().stream().map(names::indexOf).toList();
    }

    private List<MethodSpec> outputAccessors(List<Integer> outputs) {
        String primary = constants.get(outputs.get(0));
        String listed = String.join(", ", outputs.stream().map(i -> "{@link #" + constants.get(i) + "}").toList());
        MethodSpec output = Methods.publicStatic("output", LAYER_GEOMETRY)
                .addJavadoc("$L", "The network's primary output, {@link #" + primary + "}: "
                        + (outputs.size() == 1
                        ? (hasDeclaredOutputs() ? "its one declared output" : "its last layer, which no other"
                                + " layer reads")
                        : hasDeclaredOutputs() ? "the first of its declared outputs, " + listed
                        : "its last layer, the first of the layers no other layer reads (@Network declares no outputs), "
                                + listed)
                        + ". The unprefixed static mapping methods of this class work on it.\n\n"
                        + "@return the primary output's geometry\n")
                .addStatement("return $N", primary)
                .build();
        MethodSpec all = Methods.publicStatic("outputs", LAYER_LIST)
                .addJavadoc("$L", "The network's outputs, primary first: " + listed + ".\n\n"
                        + "@return every output's geometry\n")
                .addStatement("return outputList")
                .build();
        return List.of(output, all);
    }

    /** Whether the outputs differ from the default, the layers no other layer reads. */
    private boolean hasDeclaredOutputs() {
        return !runtime.outputs().equals(new NetworkSpec(runtime.name(), runtime.input(), runtime.layers()).outputs());
    }

    private List<MethodSpec> accessors(List<ComputedLayer> layers) {
        List<MethodSpec> methods = new ArrayList<>();
        methods.add(MethodSpec.methodBuilder("layers")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(LAYER_LIST)
                .addJavadoc("Every layer, in declaration order; {@link #INPUT} is not among them.\n")
                .addStatement("return layerList")
                .build());
        methods.add(MethodSpec.methodBuilder("layer")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(LAYER_GEOMETRY)
                .addParameter(String.class, "name")
                .addJavadoc("The layer named {@code name} (its field's name), or {@link #INPUT} for {@code \"input\"}.\n\n"
                        + "@param name a layer's name\n@return the layer's geometry\n"
                        + "@throws NullPointerException if {@code name} is null\n"
                        + "@throws IllegalArgumentException if the network has no such layer\n")
                .beginControlFlow("if (name == null)")
                .addStatement("throw new $T($S)", NullPointerException.class,
                        "name is null; " + model.simpleName() + "'s layers are " + names(layers))
                .endControlFlow()
                .addStatement("$T layer = $S.equals(name) ? INPUT : byName.get(name)", LAYER_GEOMETRY, "input")
                .beginControlFlow("if (layer == null)")
                .addStatement("throw new $T($S + name + $S)", IllegalArgumentException.class,
                        "No layer '", "' in " + model.simpleName() + "; its layers are " + names(layers))
                .endControlFlow()
                .addStatement("return layer")
                .build());
        methods.add(MethodSpec.methodBuilder("network")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ApiTypes.NETWORK_SPEC)
                .addJavadoc("The layers as declared, with the questions about other input sizes.\n")
                .addStatement("return spec")
                .build());
        methods.add(MethodSpec.methodBuilder("indexByName")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(LAYER_MAP)
                .addStatement("$T<$T, $T> index = new $T<>()", Map.class, String.class, LAYER_GEOMETRY, HashMap.class)
                .beginControlFlow("for ($T layer : layerList)", LAYER_GEOMETRY)
                .addStatement("index.put(layer.name(), layer)")
                .endControlFlow()
                .addStatement("return $T.copyOf(index)", Map.class)
                .build());
        if (chunked) {
            TypeVariableName t = TypeVariableName.get("T");
            methods.add(MethodSpec.methodBuilder("concat")
                    .addAnnotation(SafeVarargs.class)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addTypeVariable(t)
                    .returns(ParameterizedTypeName.get(ClassName.get(List.class), t))
                    .addParameter(ArrayTypeName.of(ArrayTypeName.of(t)), "parts")
                    .varargs()
                    .addStatement("$T<$T> all = new $T<>()", List.class, t, ArrayList.class)
                    .beginControlFlow("for ($T[] part : parts)", t)
                    .addStatement("all.addAll($T.asList(part))", Arrays.class)
                    .endControlFlow()
                    .addStatement("return $T.copyOf(all)", List.class)
                    .build());
        }
        return methods;
    }

    private TypeSpec specHolder(int start, int end) {
        List<CodeBlock> specs = new ArrayList<>();
        for (int i = start; i < end; i++) {
            specs.add(layerSpec(i));
        }
        return holder(holderName("Specs", start / CHUNK), start, end)
                .addField(FieldSpec.builder(ArrayTypeName.of(ApiTypes.LAYER_SPEC), "all", Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("{\n$>$L$<\n}", CodeBlock.join(specs, ",\n"))
                        .build())
                .build();
    }

    private TypeSpec layerHolder(int start, int end) {
        TypeSpec.Builder holder = holder(holderName("Layers", start / CHUNK), start, end);
        for (int i = start; i < end; i++) {
            holder.addField(FieldSpec.builder(LAYER_GEOMETRY, constants.get(i), Modifier.STATIC, Modifier.FINAL)
                    .initializer(layerGeometry(i))
                    .build());
        }
        return holder.addField(FieldSpec.builder(ArrayTypeName.of(LAYER_GEOMETRY), "all", Modifier.STATIC,
                        Modifier.FINAL)
                        .initializer("{$L}", constantList(start, end))
                        .build())
                .build();
    }

    private static TypeSpec.Builder holder(String name, int start, int end) {
        return TypeSpec.classBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Layers $L to $L, built apart to keep each class initializer small.\n", start, end - 1)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    private CodeBlock concat(String holderPrefix) {
        List<CodeBlock> parts = new ArrayList<>();
        for (int start = 0; start < geometry.layers().size(); start += CHUNK) {
            parts.add(CodeBlock.of("$N.all", holderName(holderPrefix, start / CHUNK)));
        }
        return CodeBlock.of("concat($L)", CodeBlock.join(parts, ", "));
    }

    private CodeBlock constantList(int start, int end) {
        List<CodeBlock> names = new ArrayList<>();
        for (int i = start; i < end; i++) {
            names.add(CodeBlock.of("$N", constants.get(i)));
        }
        return CodeBlock.join(names, ", ");
    }

    private static String holderName(String prefix, int chunk) {
        return prefix + chunk;
    }

    private CodeBlock networkSpec() {
        NetworkInput in = geometry.input();
        CodeBlock layers;
        if (chunked) {
            layers = concat("Specs");
        } else {
            List<CodeBlock> specs = new ArrayList<>();
            for (int i = 0; i < geometry.layers().size(); i++) {
                specs.add(layerSpec(i));
            }
            layers = CodeBlock.of("$T.of(\n$>$L$<)", List.class, CodeBlock.join(specs, ",\n"));
        }
        if (hasDeclaredOutputs()) {
            CodeBlock outputs = CodeBlock.join(runtime.outputs().stream().map(n -> CodeBlock.of("$S", n)).toList(), ", ");
            return CodeBlock.of("new $T($S, new $T($L, $L, $L), $L,\n$T.of($L))", ApiTypes.NETWORK_SPEC,
                    model.simpleName(), ApiTypes.SHAPE, in.channels(), in.height(), in.width(), layers, List.class,
                    outputs);
        }
        return CodeBlock.of("new $T($S, new $T($L, $L, $L), $L)", ApiTypes.NETWORK_SPEC, model.simpleName(),
                ApiTypes.SHAPE, in.channels(), in.height(), in.width(), layers);
    }

    /**
     * {@code new LayerSpec("conv1", "Conv", List.of("input"), 3, 96, 1, new Window(...), new Window(...), null)}.
     */
    private CodeBlock layerSpec(int index) {
        LayerSpec layer = runtime.layers().get(index);
        List<CodeBlock> from = new ArrayList<>();
        for (String name : layer.from()) {
            from.add(CodeBlock.of("$S", name));
        }
        return CodeBlock.of("new $T($S, $S, $T.of($L), $L, $L, $L, $L, $L, $L)", ApiTypes.LAYER_SPEC, layer.name(),
                layer.kind(), List.class, CodeBlock.join(from, ", "), channels(layer.in()), channels(layer.out()),
                layer.groups(), window(layer.y()), window(layer.x()), resize(layer));
    }

    /** The factory call that rebuilds an upsampling's, a transposed convolution's or a crop's extras. */
    private static CodeBlock resize(LayerSpec layer) {
        Resize r = layer.resize();
        if (r == null) {
            return CodeBlock.of("null");
        }
        return switch (layer.kind()) {
            case "Upsample" -> CodeBlock.of("$T.upsample($L, $L)", ApiTypes.RESIZE, r.factor(), r.bilinear());
            case "Deconv" -> CodeBlock.of("$T.deconv($L)", ApiTypes.RESIZE, r.outputPadding());
            case "Crop" -> CodeBlock.of("$T.crop($S, $L, $L)", ApiTypes.RESIZE, r.like(), r.offsetY(), r.offsetX());
            default -> throw new IllegalStateException("no extras for " + layer.kind());
        };
    }

    private static CodeBlock window(dev.convgeom.Window w) {
        if (w == null) {
            return CodeBlock.of("null");
        }
        return CodeBlock.of("new $T($L, $L, $L, $L, $L, $T.$L, $L)", ApiTypes.WINDOW, w.kernel(), w.stride(),
                w.dilation(), w.padBefore(), w.padAfter(), ApiTypes.PADDING, w.padding().name(), w.ceil());
    }

    private static CodeBlock channels(long channels) {
        return channels == Shape.UNKNOWN ? CodeBlock.of("$T.UNKNOWN", ApiTypes.SHAPE) : CodeBlock.of("$L", channels);
    }

    private CodeBlock inputGeometry() {
        NetworkInput in = geometry.input();
        return CodeBlock.of("new $T($S, $S, new $T($L, $L, $L),\n$>$>$L,\n$L,\nspec, -1$<$<)", LAYER_GEOMETRY, "input",
                "Input", ApiTypes.SHAPE, in.channels(), in.height(), in.width(),
                axis(in.height(), AxisState.input(in.height())), axis(in.width(), AxisState.input(in.width())));
    }

    private CodeBlock layerGeometry(int index) {
        ComputedLayer layer = geometry.layers().get(index);
        NetworkInput in = geometry.input();
        return CodeBlock.of("new $T($S, $S, new $T($L, $L, $L),\n$>$>$L,\n$L,\nspec, $L$<$<)", LAYER_GEOMETRY,
                layer.spec().name(), layer.spec().kind().displayName(), ApiTypes.SHAPE,
                channels(layer.hasChannels() ? layer.channels() : Shape.UNKNOWN), layer.y().size(), layer.x().size(),
                axis(in.height(), layer.y()), axis(in.width(), layer.x()), index);
    }

    /**
     * {@code AxisGeometry.uniform(227, 13, Ratio.of(16), Ratio.of(17), -63, 99)} in a chain; after
     * upsampling, the fields of one period: {@code AxisGeometry.phases(..., "-2 1, 0 3")}.
     */
    static CodeBlock axis(long inputSize, AxisState a) {
        if (a.period() == 1) {
            return CodeBlock.of("$T.uniform($L, $L, $L, $L, $L, $L)", ApiTypes.AXIS_GEOMETRY, inputSize, a.size(),
                    ratio(a.jump()), ratio(a.center()), a.lo(), a.hi());
        }
        // As text: array literals cost a class initializer bytes per number (64 KiB in all).
        return CodeBlock.of("$T.phases($L, $L, $L, $L,\n$>$>$S)$<$<", ApiTypes.AXIS_GEOMETRY,
                inputSize, a.size(), ratio(a.jump()), ratio(a.center()), pairs(a.field().los(), a.field().his()));
    }

    private static CodeBlock ratio(Ratio r) {
        return r.isInteger() ? CodeBlock.of("$T.of($L)", ApiTypes.RATIO, longLiteral(r.numerator()))
                : CodeBlock.of("$T.of($L, $L)", ApiTypes.RATIO, longLiteral(r.numerator()),
                        longLiteral(r.denominator()));
    }

    /**
     * A long literal: a centre's numerator over 2 can pass the int range while the centre itself
     * (like every field bound) stays within it, and an int literal beyond it does not compile.
     */
    private static String longLiteral(long value) {
        return value == (int) value ? Long.toString(value) : value + "L";
    }

    /** {@code "lo hi, lo hi, ..."}: the fields of one period. */
    private static String pairs(long[] lo, long[] hi) {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < lo.length; r++) {
            s.append(r == 0 ? "" : ", ").append(lo[r]).append(' ').append(hi[r]);
        }
        return s.toString();
    }

    private static String shape(NetworkInput in) {
        return in.channels() + "\u00d7" + in.height() + "\u00d7" + in.width();
    }

    private static String names(List<ComputedLayer> layers) {
        if (layers.size() <= 12) {
            return String.join(", ", layers.stream().map(l -> l.spec().name()).toList());
        }
        return layers.get(0).spec().name() + ", " + layers.get(1).spec().name() + ", ... , "
                + layers.get(layers.size() - 1).spec().name() + " (" + layers.size() + " layers)";
    }
}
