package dev.unstuck.app.config;

import java.nio.file.Path;

/** The file being read and where its keys are, so every mistake names its file, line and key path. */
record ConfigSource(Path path, KeyLines lines) {

    /** {@code cannot use config file FILE:LINE: PLACE: WHAT}. */
    ConfigError problem(Place place, String what) {
        return near(place, place + ": " + what);
    }

    /** {@code cannot use config file FILE:LINE: WHAT}, the line being that of {@code place}. */
    ConfigError near(Place place, String what) {
        return at(lines.lineOf(place), what);
    }

    ConfigError at(int line, String what) {
        return new ConfigError("cannot use config file " + path + (line > 0 ? ":" + line : "") + ": " + what);
    }
}
