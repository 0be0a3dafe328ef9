/**
 * Pieces the interop formats share and that are not API: a small strict JSON reader and the two
 * JSON writers the tools use (serde_json's pretty form and the compact form). Not exported.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.internal;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
