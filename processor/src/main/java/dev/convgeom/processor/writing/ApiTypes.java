package dev.convgeom.processor.writing;

import com.palantir.javapoet.ClassName;

/** The public value types that generated code builds and returns. */
final class ApiTypes {

    private static final String API = "dev.convgeom";

    static final ClassName LAYER_GEOMETRY = ClassName.get(API, "LayerGeometry");
    static final ClassName AXIS_GEOMETRY = ClassName.get(API, "AxisGeometry");
    static final ClassName SHAPE = ClassName.get(API, "Shape");
    static final ClassName SIZE = ClassName.get(API, "Size");
    static final ClassName POINT = ClassName.get(API, "Point");
    static final ClassName BOX = ClassName.get(API, "Box");
    static final ClassName UNIT_RANGE = ClassName.get(API, "UnitRange");
    static final ClassName NETWORK_SPEC = ClassName.get(API, "NetworkSpec");
    static final ClassName LAYER_SPEC = ClassName.get(API, "LayerSpec");
    static final ClassName WINDOW = ClassName.get(API, "Window");
    static final ClassName PADDING = ClassName.get(API, "Padding");
    static final ClassName RATIO = ClassName.get(API, "Ratio");
    static final ClassName RESIZE = ClassName.get(API, "Resize");
    static final ClassName EFFECTIVE_FIELD = ClassName.get(API, "EffectiveField");

    private ApiTypes() {
    }
}
