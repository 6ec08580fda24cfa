package dev.convgeom.processor.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.processor.hardening.Models.ModelDraft;
import dev.convgeom.processor.hardening.Models.Unit;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * The processor on random and hostile models, several per compilation (see {@link Drafts} for
 * what is generated and {@link FuzzRun} for what is checked). A small count per build; a long
 * run with {@code -Dconvgeom.fuzz.tries=N} (RELIABILITY.md).
 */
@AddLifecycleHook(value = FuzzTries.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ProcessorFuzzTest {

    @Provide
    Arbitrary<List<ModelDraft>> batches() {
        return Drafts.batches(6);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void neverCrashesAndLocatesEveryDiagnostic(@ForAll("batches") List<ModelDraft> drafts) {
        List<Unit> units = Models.render(drafts);
        FuzzRun run = FuzzRun.run(units);
        FuzzStats.add(run);
        assertTrue(run.violations.isEmpty(), () -> run.report(units));
    }
}
