/**
 * mdevctl's side of vfio-ap: the device config files of {@code /etc/mdevctl.d/PARENT/UUID}, read
 * and written with mdevctl's exact rules and messages ({@link
 * io.github.apmatrix.api.interop.mdevctl.MdevctlJson}), and the model's host seen through mdevctl:
 * {@code list}, {@code list --dumpjson}, {@code types} and {@code start} ({@link
 * io.github.apmatrix.api.interop.mdevctl.Mdevctl}). Every refusal is an {@link
 * io.github.apmatrix.api.interop.mdevctl.MdevctlException} carrying mdevctl's own message.
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.mdevctl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
