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
import dev.convgeom.processor.geometry.AxisState;
import dev.convgeom.processor.geometry.ComputedLayer;
import dev.convgeom.processor.geometry.GeometryResult;
import dev.convgeom.processor.geometry.NetworkInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Model>Geometry}: one {@code LayerGeometry} constant per layer built from
 * literals computed at compile time, the ordered list of layers, lookup by name, and static
 * mapping shortcuts for the final layer written as plain arithmetic on literals.
 *
 * <p>A method's bytecode is limited to 64 KiB, and a class initializer that builds thousands of
 * constants would pass it. Large networks therefore build their constants in nested holder
 * classes of {@value #CHUNK} layers each, and the public constants only copy them.
 */
public final class GeometryClassWriter {

    /** Layers per holder class; keeps every class initializer far below the 64 KiB limit. */
    static final int CHUNK = 256;

    private static final ClassName LAYER_GEOMETRY = ApiTypes.LAYER_GEOMETRY;
    private static final ClassName AXIS_GEOMETRY = ApiTypes.AXIS_GEOMETRY;
    private static final ClassName SHAPE = ApiTypes.SHAPE;
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

    /**
     * @param model         the {@code @Network} type, for links
     * @param generated     the class to generate
     * @param processorName the processor's name, for {@code @Generated}
     * @param geometry      the network's geometry, free of errors
     * @param constants     each layer's constant name
     * @param declarations  each layer's annotation as written, for the constants' Javadoc
     */
    public GeometryClassWriter(ClassName model, ClassName generated, String processorName, GeometryResult geometry,
                               List<String> constants, List<String> declarations) {
        this.model = model;
        this.generated = generated;
        this.processorName = processorName;
        this.geometry = geometry;
        this.constants = List.copyOf(constants);
        this.declarations = List.copyOf(declarations);
    }

    /** The Java file, with {@code origin} as its originating element (for incremental builds). */
    public JavaFile write(Element origin) {
        List<ComputedLayer> layers = geometry.layers();
        boolean chunked = layers.size() > CHUNK;
        TypeSpec.Builder type = TypeSpec.classBuilder(generated)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(origin)
                .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", processorName).build())
                .addJavadoc("$L", ClassJavadoc.of(model, geometry, constants));

        type.addField(FieldSpec.builder(LAYER_GEOMETRY, "INPUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("$L", "The network input, " + shape(geometry.input()) + ": every pixel is its own field.\n")
                .initializer(inputGeometry())
                .build());
        for (int i = 0; i < layers.size(); i++) {
            CodeBlock init = chunked
                    ? CodeBlock.of("$N.$N", holderName(i / CHUNK), constants.get(i))
                    : layerGeometry(layers.get(i));
            type.addField(FieldSpec.builder(LAYER_GEOMETRY, constants.get(i), Modifier.PUBLIC, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("$L", ClassJavadoc.constant(layers.get(i), declarations.get(i)))
                    .initializer(init)
                    .build());
        }
        if (chunked) {
            for (int start = 0; start < layers.size(); start += CHUNK) {
                type.addType(holder(start, Math.min(start + CHUNK, layers.size())));
            }
        }
        type.addField(FieldSpec.builder(LAYER_LIST, "LAYERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(chunked ? chunkedLayerList() : CodeBlock.of("$T.of($L)", List.class, constantList(0, layers.size())))
                .build());
        type.addField(FieldSpec.builder(LAYER_MAP, "BY_NAME", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("indexByName()")
                .build());
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethods(accessors(layers, chunked));
        type.addMethods(new OutputShortcuts(layers.get(layers.size() - 1), constants.get(constants.size() - 1),
                geometry.input()).methods());
        return JavaFile.builder(generated.packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private List<MethodSpec> accessors(List<ComputedLayer> layers, boolean chunked) {
        List<MethodSpec> methods = new ArrayList<>();
        methods.add(MethodSpec.methodBuilder("layers")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(LAYER_LIST)
                .addJavadoc("Every layer, in declaration order; {@link #INPUT} is not among them.\n")
                .addStatement("return LAYERS")
                .build());
        methods.add(MethodSpec.methodBuilder("layer")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(LAYER_GEOMETRY)
                .addParameter(String.class, "name")
                .addJavadoc("The layer named {@code name} (its field's name), or {@link #INPUT} for {@code \"input\"}.\n\n"
                        + "@throws IllegalArgumentException if the network has no such layer\n")
                .addStatement("$T layer = $S.equals(name) ? INPUT : BY_NAME.get(name)", LAYER_GEOMETRY, "input")
                .beginControlFlow("if (layer == null)")
                .addStatement("throw new $T($S + name + $S)", IllegalArgumentException.class,
                        "No layer '", "' in " + model.simpleName() + "; its layers are " + names(layers))
                .endControlFlow()
                .addStatement("return layer")
                .build());
        methods.add(MethodSpec.methodBuilder("indexByName")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(LAYER_MAP)
                .addStatement("$T<$T, $T> index = new $T<>()", Map.class, String.class, LAYER_GEOMETRY, HashMap.class)
                .beginControlFlow("for ($T layer : LAYERS)", LAYER_GEOMETRY)
                .addStatement("index.put(layer.name(), layer)")
                .endControlFlow()
                .addStatement("return $T.copyOf(index)", Map.class)
                .build());
        if (chunked) {
            methods.add(MethodSpec.methodBuilder("concat")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(LAYER_LIST)
                    .addParameter(ArrayTypeName.of(ArrayTypeName.of(LAYER_GEOMETRY)), "parts")
                    .varargs()
                    .addStatement("$T<$T> all = new $T<>()", List.class, LAYER_GEOMETRY, ArrayList.class)
                    .beginControlFlow("for ($T[] part : parts)", LAYER_GEOMETRY)
                    .addStatement("all.addAll($T.asList(part))", java.util.Arrays.class)
                    .endControlFlow()
                    .addStatement("return $T.copyOf(all)", List.class)
                    .build());
        }
        return methods;
    }

    private TypeSpec holder(int start, int end) {
        TypeSpec.Builder holder = TypeSpec.classBuilder(holderName(start / CHUNK))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Layers $L to $L, built apart to keep each class initializer small.\n", start, end - 1);
        for (int i = start; i < end; i++) {
            holder.addField(FieldSpec.builder(LAYER_GEOMETRY, constants.get(i), Modifier.STATIC, Modifier.FINAL)
                    .initializer(layerGeometry(geometry.layers().get(i)))
                    .build());
        }
        holder.addField(FieldSpec.builder(ArrayTypeName.of(LAYER_GEOMETRY), "ALL", Modifier.STATIC, Modifier.FINAL)
                .initializer("{$L}", constantList(start, end))
                .build());
        holder.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        return holder.build();
    }

    private CodeBlock chunkedLayerList() {
        List<CodeBlock> parts = new ArrayList<>();
        for (int start = 0; start < geometry.layers().size(); start += CHUNK) {
            parts.add(CodeBlock.of("$N.ALL", holderName(start / CHUNK)));
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

    private static String holderName(int chunk) {
        return "Layers" + chunk;
    }

    private CodeBlock inputGeometry() {
        NetworkInput in = geometry.input();
        return CodeBlock.of("new $T($S, $S, new $T($L, $L, $L), $L, $L)", LAYER_GEOMETRY, "input", "Input", SHAPE,
                in.channels(), in.height(), in.width(),
                axis(in.height(), AxisState.input(in.height())), axis(in.width(), AxisState.input(in.width())));
    }

    private CodeBlock layerGeometry(ComputedLayer layer) {
        NetworkInput in = geometry.input();
        return CodeBlock.of("new $T($S, $S, new $T($L, $L, $L),\n$>$>$L,\n$L$<$<)", LAYER_GEOMETRY,
                layer.spec().name(), layer.spec().kind().displayName(), SHAPE,
                layer.hasChannels() ? Long.toString(layer.channels()) : "Shape.UNKNOWN",
                layer.y().size(), layer.x().size(),
                axis(in.height(), layer.y()), axis(in.width(), layer.x()));
    }

    private static CodeBlock axis(long inputSize, AxisState a) {
        return CodeBlock.of("new $T($L, $L, $L, $L, $L, $L)", AXIS_GEOMETRY, inputSize, a.size(),
                Numbers.doubleLiteral(a.jump()), Numbers.doubleLiteral(a.center()), a.lo(), a.hi());
    }

    private static String shape(NetworkInput in) {
        return in.channels() + "x" + in.height() + "x" + in.width();
    }

    private static String names(List<ComputedLayer> layers) {
        if (layers.size() <= 12) {
            return String.join(", ", layers.stream().map(l -> l.spec().name()).toList());
        }
        return layers.get(0).spec().name() + ", " + layers.get(1).spec().name() + ", ... , "
                + layers.get(layers.size() - 1).spec().name() + " (" + layers.size() + " layers)";
    }
}
