/**
 * A reboot, simulated: the hardware of a host directory, the kernel's masks from {@code
 * /proc/cmdline}, chzdev's persistent masks, and mdevctl starting the {@code auto} devices after
 * ap-check ({@link io.github.apmatrix.api.interop.boot.Boot}).
 */
@CheckReturnValue
@NullMarked
package io.github.apmatrix.api.interop.boot;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
