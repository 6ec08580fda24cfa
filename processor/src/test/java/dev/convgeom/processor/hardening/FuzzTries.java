package dev.convgeom.processor.hardening;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The fuzz properties' tries: the small count in their {@code @Property(tries = ...)} for every
 * build, or {@code -Dconvgeom.fuzz.tries=N} for a long run. (The build's {@code -Djqwik.tries}
 * applies only to properties without an explicit count, so it does not touch these.) Also
 * collects and prints each property's totals, see {@link FuzzStats}.
 */
public final class FuzzTries implements AroundPropertyHook {

    static final String PROPERTY = "convgeom.fuzz.tries";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(PROPERTY, "").trim();
        if (!tries.isEmpty() && context.targetMethod().getParameterCount() > 0) {    // not on examples
            context.attributes().setTries(Integer.parseInt(tries));
        }
        FuzzStats.start(context.extendedLabel());
        PropertyExecutionResult result = property.execute();
        FuzzStats.finish(result.status() + " after " + result.countTries() + " tries");
        return result;
    }
}
