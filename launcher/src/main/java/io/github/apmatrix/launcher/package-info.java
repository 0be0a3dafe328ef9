/**
 * The command line behind the {@code ./apmatrix} launcher: {@code demo}, {@code run}, {@code
 * shell}, {@code snapshot} and {@code jshell}. {@link io.github.apmatrix.launcher.Main} is its
 * entry point; the commands themselves are package-private, one class each, listed in one place.
 */
@NullMarked
package io.github.apmatrix.launcher;

import org.jspecify.annotations.NullMarked;
