package dev.convgeom.example;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.convgeom.processor.ConvGeomProcessor;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees when a stack does not fit: AlexNet declared for a 224x224 input, the size its
 * paper states, although its 11x11 stride-4 first layer tiles only 223 or 227:
 * {@code (224 - 11) mod 4 = 1}, so one row and one column are never read. The layers are Caffe's
 * {@code bvlc_alexnet} (ceil pooling), so conv1 is the only layer that drops a border.
 */
class BrokenStackCompileTest {

    private static final String CONV1 = "    @Conv(out = 96, k = 11, s = 4)              Object conv1;";

    /** AlexNet for a {@code size x size} input, with {@code extra} after the input in {@code @Network}. */
    private static List<String> alexNet(int size, String extra) {
        return List.of(
                "package com.example;",
                "",
                "import dev.convgeom.*;",
                "",
                "@Network(input = @Input(channels = 3, height = " + size + ", width = " + size + ")" + extra + ")",
                "public class AlexNet {",
                CONV1,
                "    @Relu                                       Object relu1;",
                "    @Lrn                                        Object norm1;",
                "    @MaxPool(k = 3, s = 2, ceil = true)         Object pool1;",
                "    @Conv(out = 256, k = 5, p = 2, groups = 2)  Object conv2;",
                "    @Relu                                       Object relu2;",
                "    @Lrn                                        Object norm2;",
                "    @MaxPool(k = 3, s = 2, ceil = true)         Object pool2;",
                "    @Conv(out = 384, k = 3, p = 1)              Object conv3;",
                "    @Relu                                       Object relu3;",
                "    @Conv(out = 384, k = 3, p = 1, groups = 2)  Object conv4;",
                "    @Relu                                       Object relu4;",
                "    @Conv(out = 256, k = 3, p = 1, groups = 2)  Object conv5;",
                "    @Relu                                       Object relu5;",
                "    @MaxPool(k = 3, s = 2, ceil = true)         Object pool5;",
                "    @FullyConnected(out = 4096)                 Object fc6;",
                "    @Relu                                       Object relu6;",
                "    @FullyConnected(out = 4096)                 Object fc7;",
                "    @Relu                                       Object relu7;",
                "    @FullyConnected(out = 1000)                 Object fc8;",
                "}");
    }

    private static final int CONV1_LINE = alexNet(224, "").indexOf(CONV1) + 1;

    /** The column (1-based) of the literal 4 in {@code s = 4}: the value to blame. */
    private static final int STRIDE_COLUMN = CONV1.indexOf("s = 4") + "s = ".length() + 1;

    private static Compilation compile(List<String> lines) {
        return javac().withProcessors(new ConvGeomProcessor())
                .compile(JavaFileObjects.forSourceLines("com.example.AlexNet", lines));
    }

    @Test
    @DisplayName("strict = true at 224: one error on conv1's stride, naming the dropped row and column and 227")
    void strictFailsOnConv1() {
        Compilation compilation = compile(alexNet(224, ", strict = true"));

        assertThat(compilation).failed();
        // Both axes fail with the same numbers at the same literal: one error says it for both.
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining("layer 'conv1': the windows do not tile its input along the height/width"
                        + ": (224 + 0 + 0 - 11) mod 4 = 1, so the last 1 row/column of the input is never read."
                        + " Use input height/width 227 (every window layer then tiles its input exactly)")
                .inFile(compilation.sourceFiles().get(0))
                .onLineContaining("Object conv1;");
        for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
            assertThat(error.getLineNumber()).isEqualTo(CONV1_LINE);
            assertThat(error.getColumnNumber()).isEqualTo(STRIDE_COLUMN);
            assertThat(error.getMessage(null)).contains("strict = true");
        }
    }

    @Test
    @DisplayName("without strict: the same finding is a warning, and AlexNetGeometry and its manifest are generated")
    void lenientWarnsAndGenerates() {
        Compilation compilation = compile(alexNet(224, ""));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation)
                .hadWarningContaining("layer 'conv1': the windows do not tile its input along the height/width")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(CONV1_LINE)
                .atColumn(STRIDE_COLUMN);
        assertThat(compilation)
                .hadWarningContaining("so the last 1 row/column of the input is never read. Use input height/width 227 (every")
                .inFile(compilation.sourceFiles().get(0))
                .onLine(CONV1_LINE);
        assertThat(compilation).hadWarningContaining("@Network(strict = true) makes this an error");
        assertThat(compilation).generatedSourceFile("com.example.AlexNetGeometry");
        assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/convgeom/com.example.AlexNet.json");
    }

    @ParameterizedTest(name = "input {0}")
    @ValueSource(ints = {223, 227})
    @DisplayName("the suggested sizes compile cleanly, even with strict = true")
    void suggestedSizesCompile(int size) {
        Compilation compilation = compile(alexNet(size, ", strict = true"));

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("com.example.AlexNetGeometry");
    }
}
