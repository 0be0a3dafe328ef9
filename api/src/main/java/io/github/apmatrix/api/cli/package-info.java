/**
 * The command line behind the {@code ./apmatrix} launcher: {@code demo}, {@code run}, {@code shell}
 * and {@code snapshot}. Not part of the library's API.
 */
@NullMarked
package io.github.apmatrix.api.cli;

import org.jspecify.annotations.NullMarked;
