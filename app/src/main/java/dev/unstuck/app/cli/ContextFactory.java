package dev.unstuck.app.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/**
 * How picocli creates commands and mixins: a class whose constructor takes an {@link AppContext} gets
 * the process's (or a test's) context, so no command reaches up its parents for it; every other class
 * is made as picocli makes it.
 */
final class ContextFactory implements CommandLine.IFactory {
    private final AppContext context;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(AppContext context) {
        this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withContext;
        try {
            withContext = type.getDeclaredConstructor(AppContext.class);
        } catch (NoSuchMethodException takesNoContext) {
            return fallback.create(type);
        }
        withContext.setAccessible(true);
        return withContext.newInstance(context);
    }
}
