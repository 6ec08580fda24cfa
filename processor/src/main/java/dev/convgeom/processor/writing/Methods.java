package dev.convgeom.processor.writing;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/** The shapes the generated static methods share. */
final class Methods {

    private Methods() {
    }

    /** {@code public static <returns> name(...)}. */
    static MethodSpec.Builder publicStatic(String name, TypeName returns) {
        return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.STATIC).returns(returns);
    }

    /** {@code x, y} of the given type: a unit or a pixel, column first. */
    static List<ParameterSpec> coordinates(Class<?> type) {
        return List.of(ParameterSpec.builder(type, "x").build(), ParameterSpec.builder(type, "y").build());
    }
}
